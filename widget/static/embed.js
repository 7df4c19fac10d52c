// orgnews /embed: reports the page's height to the embedding page, which
// resizes the iframe (see embed-parent.js). The message carries nothing but
// the height.
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = -1;
  function send() {
    var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h === last) return;
    last = h;
    window.parent.postMessage({ type: "news-widget:height", height: h }, "*");
  }
  // embed-parent.js asks again when it loads after this page.
  window.addEventListener("message", function (e) {
    if (e.source !== window.parent || !e.data || e.data.type !== "news-widget:ask") return;
    last = -1;
    send();
  });
  if (window.ResizeObserver) new ResizeObserver(send).observe(document.documentElement);
  window.addEventListener("load", send);
  send();
})();

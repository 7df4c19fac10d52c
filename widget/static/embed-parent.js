// orgnews embed-parent.js: include it on a page that embeds /embed in an
// <iframe class="news-embed">. It resizes each such iframe to the height
// its content reports, accepting messages only from the origin this script
// is served from and only from the iframe's own window, and asks the
// frames that loaded before it for their height again. It drops the
// iframe's default border (a frameborder hint, which the page's own CSS
// overrides), so that width="100%" fits the iframe's container; it never
// sets a width.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var origin = new URL(script.src).origin;
  function frames() {
    var fs = document.querySelectorAll("iframe.news-embed");
    for (var i = 0; i < fs.length; i++) {
      if (!fs[i].hasAttribute("frameborder")) fs[i].setAttribute("frameborder", "0");
    }
    return fs;
  }
  // Frames that loaded before this script did have sent their height to
  // no one: ask them again (a frame not yet on the news site's origin
  // drops the request, and sends its height when it loads).
  var early = frames();
  for (var i = 0; i < early.length; i++) {
    if (early[i].contentWindow) early[i].contentWindow.postMessage({ type: "news-widget:ask" }, origin);
  }
  window.addEventListener("message", function (e) {
    if (e.origin !== origin) return;
    var d = e.data;
    if (!d || d.type !== "news-widget:height" || typeof d.height !== "number") return;
    var h = Math.round(d.height);
    if (!(h > 0 && h < 100000)) return;
    var fs = frames();
    for (var i = 0; i < fs.length; i++) {
      if (fs[i].contentWindow === e.source) {
        fs[i].height = String(h);
        return;
      }
    }
  });
})();

// orgnews embed-parent.js: include it on a page that embeds /embed in an
// <iframe class="news-embed">. It resizes each such iframe to the height
// its content reports, accepting messages only from the origin this script
// is served from and only from the iframe's own window.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var origin = new URL(script.src).origin;
  window.addEventListener("message", function (e) {
    if (e.origin !== origin) return;
    var d = e.data;
    if (!d || d.type !== "news-widget:height" || typeof d.height !== "number") return;
    var h = Math.round(d.height);
    if (!(h > 0 && h < 100000)) return;
    var frames = document.querySelectorAll("iframe.news-embed");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === e.source) {
        frames[i].height = String(h);
        return;
      }
    }
  });
})();

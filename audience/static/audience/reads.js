// Counts this reading of the story (audience/, docs/privacy.md): one small request with no
// cookie and no identifier; the server keeps no address and no browser name.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-read-url");
  if (!url) return;
  function send() {
    if (navigator.sendBeacon && navigator.sendBeacon(url)) return;
    new Image().src = url; // an old browser: the same request as the pixel of pages without JavaScript
  }
  // A page the browser renders ahead of a click is not read until it is shown.
  if (document.prerendering) document.addEventListener("prerenderingchange", send, { once: true });
  else send();
})();

// A notice a few minutes before the session ends for lack of activity (web.sessie_minuten, given
// by the page in data-sessie-minuten). The server renews the session on each request, so the
// clock starts when this page loaded. Without JavaScript the page works the same: only this
// early notice is missing (typed text still comes back after logging in again).
(function () {
  "use strict";
  var minuten = Number(document.body.getAttribute("data-sessie-minuten"));
  var melding = document.getElementById("sessiewaarschuwing");
  if (!minuten || !melding) {
    return;
  }
  var vooraf = Math.min(5, minuten / 2); // minutes before the end
  window.setTimeout(function () {
    melding.hidden = false;
  }, (minuten - vooraf) * 60 * 1000);
})();

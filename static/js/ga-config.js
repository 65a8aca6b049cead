/* Google Analytics settings, loaded only after consent to "analytics" (see consent/cookies.py).
   The privacy policy caps every cookie at 100 days; Google's default for _ga is 13 months. */
(function () {
  "use strict";
  var id = new URL(document.currentScript.src).searchParams.get("id");
  window.dataLayer = window.dataLayer || [];
  function gtag() { window.dataLayer.push(arguments); }
  gtag("js", new Date());
  gtag("config", id, { cookie_expires: 8640000, allow_google_signals: false });
})();

/* Google Analytics settings, loaded only after consent to "analytics" (see consent/cookies.py)
   and only on the pages listed in consent/tracking.py. Consent Mode is set before this runs
   (consent-mode.js). The privacy policy caps every cookie at 100 days; Google's default for
   _ga is 13 months. Google is told the route pattern ("/careers/:id/apply/"), never the real
   path, query string, title or referrer of the page. */
(function () {
  "use strict";
  var id = new URL(document.currentScript.src).searchParams.get("id");
  var root = document.getElementById("pf-consent");
  var route = (root && root.getAttribute("data-route")) || "/";
  window.dataLayer = window.dataLayer || [];
  function gtag() { window.dataLayer.push(arguments); }
  var settings = {
    cookie_expires: 8640000,
    allow_google_signals: false,
    allow_ad_personalization_signals: false,
    page_location: window.location.origin + route,
    page_path: route,
    page_title: route,
    page_referrer: document.referrer ? new URL(document.referrer).origin + "/" : window.location.origin + "/"
  };
  gtag("js", new Date());
  gtag("config", id, settings);
}());

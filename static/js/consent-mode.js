/* Google Consent Mode v2. Loaded before any Google tag (and only on the pages of
   consent/tracking.py where one is configured); it sends nothing and sets no cookie.
   Everything starts denied; each consent category grants its own signals; Global Privacy
   Control keeps the advertising signals denied whatever was chosen. The tags themselves are
   only inserted after consent (consent.js), so without JavaScript nothing runs at all. */
(function () {
  "use strict";
  var root = document.getElementById("pf-consent");
  if (!root) { return; }
  window.dataLayer = window.dataLayer || [];
  function gtag() { window.dataLayer.push(arguments); }
  var SIGNALS = {
    analytics: ["analytics_storage"],
    advertising: ["ad_storage", "ad_user_data", "ad_personalization"]
  };
  function gpc() {
    return navigator.globalPrivacyControl === true || root.getAttribute("data-gpc") === "1";
  }
  function signals(categories) {
    var result = {};
    Object.keys(SIGNALS).forEach(function (category) {
      var granted = categories.indexOf(category) !== -1 && !(category === "advertising" && gpc());
      SIGNALS[category].forEach(function (signal) { result[signal] = granted ? "granted" : "denied"; });
    });
    return result;
  }
  window.gtag = window.gtag || gtag;
  gtag("consent", "default", signals([]));
  gtag("set", "ads_data_redaction", true);
  gtag("set", "url_passthrough", false);
  var chosen = (root.getAttribute("data-consented") || "").split(" ").filter(function (key) {
    return key && key !== "necessary";
  });
  if (chosen.length) { gtag("consent", "update", signals(chosen)); }
  /* consent.js announces every choice made on this page. */
  document.addEventListener("pf:consent", function (event) {
    gtag("consent", "update", signals(event.detail.consented));
  });
}());

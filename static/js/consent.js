/* Cookie consent: progressive enhancement of the banner's plain HTML form (no framework).
   Without this file the form posts to /consent/ and the server redirects back. */
(function () {
  "use strict";
  var banner = document.getElementById("pf-consent-banner");
  var root = document.getElementById("pf-consent");
  if (!banner || !root) { return; }
  var form = banner.querySelector("form");
  var panel = document.getElementById("pf-consent-panel");
  var customize = document.getElementById("pf-consent-customize");
  var errorBox = document.getElementById("pf-consent-error");
  var statusBox = document.getElementById("pf-consent-status");
  var reopened = false;

  function consented() {
    return (root.getAttribute("data-consented") || "").split(" ").filter(Boolean);
  }

  /* Optional scripts wait as type="text/plain"; a consented category's are swapped for real ones. */
  function activate(categories) {
    var waiting = document.querySelectorAll('script[type="text/plain"][data-consent-category]');
    Array.prototype.forEach.call(waiting, function (old) {
      if (categories.indexOf(old.getAttribute("data-consent-category")) === -1) { return; }
      var script = document.createElement("script");
      Array.prototype.forEach.call(old.attributes, function (attr) {
        if (attr.name !== "type" && attr.name !== "data-src") { script.setAttribute(attr.name, attr.value); }
      });
      if (old.getAttribute("data-src")) { script.src = old.getAttribute("data-src"); }
      else { script.text = old.text; }
      old.parentNode.replaceChild(script, old);
    });
  }

  function openPanel(focusFirst) {
    panel.hidden = false;
    customize.setAttribute("aria-expanded", "true");
    if (focusFirst) {
      var first = panel.querySelector("input:not([disabled])");
      if (first) { first.focus(); }
    }
  }

  function show() {
    reopened = true;
    banner.hidden = false;
    openPanel(false);
    banner.querySelector("h2").focus();
  }

  function hide() {
    banner.hidden = true;
    var main = document.getElementById("main");
    if (main) { main.focus({ preventScroll: true }); }  /* moving focus must not scroll the page */
  }

  /* The server expired these host cookies; a third-party script may also have set them on a
     parent domain (".example.com"), which only the page itself can remove. */
  function expire(names) {
    var parts = window.location.hostname.split(".");
    names.forEach(function (name) {
      document.cookie = name + "=; Max-Age=0; path=/";
      for (var i = 0; i < parts.length - 1; i++) {
        document.cookie = name + "=; Max-Age=0; path=/; domain=." + parts.slice(i).join(".");
      }
    });
  }

  function choices() {
    var result = {};
    Array.prototype.forEach.call(panel.querySelectorAll('input[type="checkbox"]:not([disabled])'), function (box) {
      result[box.name] = box.checked;
    });
    return result;
  }

  function send(action) {
    var token = form.querySelector('input[name="csrfmiddlewaretoken"]').value;
    var body = { action: action, choices: action === "custom" ? choices() : {} };
    errorBox.textContent = "";
    return fetch(form.getAttribute("action"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": token },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (!result.ok) { errorBox.textContent = result.data.error || ""; return; }
      expire(result.data.expired || []);
      if (result.data.withdrawn.length) { window.location.reload(); return; }
      root.setAttribute("data-consented", result.data.consented.join(" "));
      Array.prototype.forEach.call(panel.querySelectorAll('input[type="checkbox"]:not([disabled])'), function (box) {
        box.checked = result.data.consented.indexOf(box.name) !== -1;
      });
      document.dispatchEvent(new CustomEvent("pf:consent", { detail: { consented: result.data.consented } }));
      activate(result.data.consented);
      statusBox.textContent = banner.getAttribute("data-saved") || "";
      hide();
    }).catch(function () {
      var field = document.createElement("input");
      field.type = "hidden"; field.name = "action"; field.value = action;
      form.appendChild(field);
      form.submit();
    });
  }

  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (!submitter || !submitter.value || !window.fetch) { return; }
    event.preventDefault();
    send(submitter.value);
  });

  customize.addEventListener("click", function (event) {
    event.preventDefault();
    if (panel.hidden) { openPanel(true); }
    else { panel.hidden = true; customize.setAttribute("aria-expanded", "false"); }
  });

  /* Escape closes the banner. On a first visit that is a refusal, recorded like the close button. */
  banner.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    event.preventDefault();
    if (reopened) { hide(); } else { send("close"); }
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-consent-open]"), function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      show();
    });
  });

  activate(consented());
}());

"""What third parties receive, seen from the browser: every request that would leave the host
is intercepted (offline, fake account ids) and answered by stubs that behave like the real
tags: Google's gtag.js reports the page's URL, title and referrer unless it is told otherwise,
LinkedIn's Insight Tag always reports the page's URL and referrer."""

import json
import re
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

PUBLIC = "perfony.localhost"
ACME = "acme.iperfony.localhost"
EMAIL = "ann.fakename@example.com"
NAME = "Fakename"
TOKEN = "tok3nSECRETvalue"
TITLE = "Board review Zebra with Ann Fakename"
pytestmark = pytest.mark.django_db

EXTERNAL = re.compile(r"^https?://(?!127\.0\.0\.1[:/]|[a-z0-9.-]*localhost[:/])")
GTAG_STUB = """
(function () {
  var dl = window.dataLayer = window.dataLayer || [];
  var consent = {};
  function hit(id, p) {
    var q = new URLSearchParams({
      v: "2", tid: id,
      dl: p.page_location || location.href,
      dt: p.page_title || document.title,
      dr: ("page_referrer" in p) ? p.page_referrer : document.referrer,
      gcs: consent.analytics_storage === "granted" ? "G1" : "G0"
    });
    fetch("https://www.google-analytics.com/g/collect?" + q, {
      method: "POST", mode: "no-cors",
      body: "en=page_view&ep.page_path=" + encodeURIComponent(p.page_path || location.pathname)
    });
  }
  function handle(args) {
    if (args[0] === "consent") { Object.assign(consent, args[2]); }
    if (args[0] === "config") { hit(args[1], args[2] || {}); }
  }
  Array.prototype.forEach.call(dl, handle);
  var push = dl.push;
  dl.push = function () {
    Array.prototype.forEach.call(arguments, handle);
    return push.apply(dl, arguments);
  };
}());
"""
INSIGHT_STUB = """
fetch("https://px.ads.linkedin.com/collect?pid=424242&url=" + encodeURIComponent(location.href)
      + "&ref=" + encodeURIComponent(document.referrer), {mode: "no-cors"});
"""
# A page whose title holds personal data (as a meeting page's does on an extranet).
TITLE_INIT = f"Object.defineProperty(document, 'title', {{get: () => {json.dumps(TITLE)}}});"
DATA_LAYER = "(window.dataLayer || []).map(a => Array.prototype.slice.call(a))"


@pytest.fixture(scope="module")
def opening(django_db_setup, django_db_blocker):
    """A published job opening the live server can see (committed; deleted afterwards)."""
    from careers.models import JobOpening

    with django_db_blocker.unblock():
        job = JobOpening.objects.create(title="Designer", description="Design.", is_published=True)
        yield job
        job.delete()


@pytest.fixture
def offline(browser):
    contexts = []

    def make(**kwargs):
        context = browser.new_context(**kwargs)
        context.sent = []  # (url, body) of every request that would have left the host

        def answer(route):
            request = route.request
            context.sent.append((request.url, request.post_data or ""))
            if "googletagmanager.com/gtag/js" in request.url:
                route.fulfill(content_type="text/javascript", body=GTAG_STUB)
            elif "snap.licdn.com" in request.url:
                route.fulfill(content_type="text/javascript", body=INSIGHT_STUB)
            else:
                route.fulfill(status=204, body="")

        context.route(EXTERNAL, answer)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def _payloads(context) -> list[str]:
    """What was reported, decoded: query values and bodies of the collection requests."""
    found = []
    for url, body in context.sent:
        if "/gtag/js" in url or "insight.min.js" in url:
            continue
        values = [v for _k, v in parse_qsl(urlsplit(url).query)]
        values += [v for _k, v in parse_qsl(body)]
        found.append(" ".join(unquote(v) for v in values))
    return found


def _reported_paths(payload: str) -> list[str]:
    """Paths of the URLs inside a payload (the host's port is a number too, and harmless)."""
    return [urlsplit(url).path for url in re.findall(r"https?://\S+", payload)]


def _accept_all(page):
    page.get_by_role("button", name="Accept all").click()
    page.locator("#pf-consent-banner").wait_for(state="hidden")


def test_payloads_to_third_parties_hold_nothing_personal(offline, live_url, opening):
    base = live_url.format(host=PUBLIC)
    context = offline()
    context.add_init_script(TITLE_INIT)
    page = context.new_page()
    page.goto(base + "/")
    _accept_all(page)
    page.wait_for_function("() => window.dataLayer.some(a => a[0] === 'config')")
    page.goto(f"{base}/careers/{opening.pk}/apply/?email={EMAIL}&name=Ann+{NAME}")
    page.wait_for_load_state("networkidle")
    # A page reached through an emailed link loads no tag; the next page's referrer is it.
    page.goto(f"{base}/testimonials/consent/{TOKEN}/")
    assert page.evaluate("window.dataLayer") is None
    page.locator("a.brand").click()
    page.wait_for_load_state("networkidle")

    payloads = _payloads(context)
    google = [p for p in payloads if "G-BROWSERTEST" in p]
    assert len(google) == 3, payloads  # home, the apply page, home again
    assert any("/careers/:id/apply/" in p for p in google)
    linkedin = [p for p in payloads if "424242" in p]
    assert len(linkedin) == 1, payloads  # the first home page only: then a referrer said more
    for payload in payloads:
        for secret in (EMAIL, NAME, TOKEN, TITLE, "Zebra"):
            assert secret not in payload, payload
        for path in _reported_paths(payload):
            assert not re.search(r"\d", path), payload
    page_urls = [url for url, _body in context.sent]
    assert not any(TOKEN in url or EMAIL in unquote(url) for url in page_urls)


def test_extranet_loads_no_third_party_tag_after_accept_all(offline, live_url):
    context = offline()
    page = context.new_page()
    page.goto(live_url.format(host=ACME) + "/accounts/login/")
    _accept_all(page)
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.locator("#pf-consent").get_attribute("data-consented").endswith("advertising")
    assert page.evaluate("window.dataLayer") is None
    assert context.sent == []


def _consent_commands(page) -> list[list]:
    return [entry for entry in page.evaluate(DATA_LAYER) if entry[0] in ("consent", "config")]


DENIED = {
    "analytics_storage": "denied",
    "ad_storage": "denied",
    "ad_user_data": "denied",
    "ad_personalization": "denied",
}


def test_consent_mode_defaults_are_denied_and_a_choice_updates_them(offline, live_url):
    context = offline()
    page = context.new_page()
    page.goto(live_url.format(host=PUBLIC) + "/")
    assert _consent_commands(page) == [["consent", "default", DENIED]]
    assert context.sent == []  # no tag before a choice

    page.locator("#pf-consent-customize").click()
    page.locator("#pf-banner-analytics").check()
    page.get_by_role("button", name="Save my choices").click()
    page.wait_for_function("() => window.dataLayer.some(a => a[0] === 'config')")
    commands = _consent_commands(page)
    assert commands[1] == ["consent", "update", {**DENIED, "analytics_storage": "granted"}]
    assert commands[2][0] == "config"  # the tag is configured after the update, never before

    page.get_by_role("link", name="Cookie settings").click()
    page.get_by_role("button", name="Accept all").click()
    page.wait_for_function("() => window.dataLayer.filter(a => a[1] === 'update').length === 2")
    assert _consent_commands(page)[-1] == ["consent", "update", dict.fromkeys(DENIED, "granted")]

    page.reload()  # the choice is now in the cookie: the server renders the tags
    page.wait_for_function("() => window.dataLayer.some(a => a[0] === 'config')")
    commands = _consent_commands(page)
    assert commands[0] == ["consent", "default", DENIED]
    assert commands[1] == ["consent", "update", dict.fromkeys(DENIED, "granted")]


def test_gpc_keeps_the_advertising_signals_denied(offline, live_url):
    context = offline(extra_http_headers={"Sec-GPC": "1"})
    context.add_init_script(
        "Object.defineProperty(navigator, 'globalPrivacyControl', {get: () => true});"
    )
    page = context.new_page()
    page.goto(live_url.format(host=PUBLIC) + "/")
    _accept_all(page)  # GPC: "accept all" leaves third-party analytics and advertising off
    page.wait_for_function("() => window.dataLayer.some(a => a[1] === 'update')")
    assert _consent_commands(page) == [
        ["consent", "default", DENIED],
        ["consent", "update", DENIED],
    ]
    # Both switched on by hand: analytics runs, the advertising signals stay denied under GPC.
    page.get_by_role("link", name="Cookie settings").click()
    page.locator("#pf-banner-analytics").check()
    page.locator("#pf-banner-advertising").check()
    page.get_by_role("button", name="Save my choices").click()
    page.wait_for_function("() => window.dataLayer.some(a => a[0] === 'config')")
    assert _consent_commands(page)[2] == [
        "consent",
        "update",
        {**DENIED, "analytics_storage": "granted"},
    ]
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.locator("#pf-consent").get_attribute("data-gpc") == "1"
    assert _consent_commands(page)[1][2]["ad_storage"] == "denied"

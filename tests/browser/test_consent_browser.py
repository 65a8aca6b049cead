"""The consent banner in a real browser (Chromium through Playwright)."""

import re
import time

import pytest

from consent.models import ConsentRecord

PUBLIC = "perfony.localhost"
ACME = "acme.iperfony.localhost"
MAX_AGE = 8_640_000
# Marked so pytest-django sets the test database up; each test only reads what the server wrote.
pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    """Read the proof the live server committed."""

    def read(consent_id=None):
        qs = ConsentRecord.objects.order_by("id")
        if consent_id:
            qs = qs.filter(consent_id=consent_id)
        return list(qs)

    return read


def _cookie(context, name):
    return next((c for c in context.cookies() if c["name"] == name), None)


def _open(context_factory, live_url, host=PUBLIC, path="/", **kwargs):
    context = context_factory(**kwargs)
    page = context.new_page()
    page.goto(live_url.format(host=host) + path)
    return context, page


def test_first_visit_shows_the_banner_on_public_site_and_extranet(context_factory, live_url):
    for host, path in ((PUBLIC, "/"), (ACME, "/accounts/login/")):
        _context, page = _open(context_factory, live_url, host, path)
        banner = page.locator("#pf-consent-banner")
        assert banner.is_visible(), host
        for name in ("Accept all", "Reject all", "Customise"):
            assert (
                page.get_by_role("button", name=name)
                .or_(page.get_by_role("link", name=name))
                .is_visible()
            )


def test_reject_all_leaves_no_analytics_cookie_and_the_script_never_runs(
    context_factory, live_url, records
):
    context, page = _open(context_factory, live_url)
    assert page.locator('script[type="text/plain"][data-consent-category="analytics"]').count()
    page.get_by_role("button", name="Reject all").click()
    page.locator("#pf-consent-banner").wait_for(state="hidden")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__analyticsRan") is None
    assert context.analytics_requests == []
    assert _cookie(context, "_ga") is None and _cookie(context, "pf_bid") is None
    consent_id = re.search(r'"i":"([^"]+)"', _decoded(context)).group(1)
    assert [r.method for r in records(consent_id)] == ["reject_all"]


def _decoded(context) -> str:
    from django.core import signing

    value = _cookie(context, "pf_consent")["value"]
    import json

    return json.dumps(signing.loads(value, salt="perfony.consent"), separators=(",", ":"))


def test_accept_all_runs_the_script_and_the_cookie_lasts_at_most_100_days(
    context_factory, live_url
):
    context, page = _open(context_factory, live_url)
    with page.expect_response(lambda r: r.url.endswith("/consent/")) as answer:
        page.get_by_role("button", name="Accept all").click()
    set_cookie = answer.value.headers_array()
    consent_header = next(
        h["value"]
        for h in set_cookie
        if h["name"].lower() == "set-cookie" and "pf_consent=" in h["value"]
    )
    max_age = int(re.search(r"Max-Age=(\d+)", consent_header).group(1))
    assert 0 < max_age <= MAX_AGE
    assert "SameSite=Lax" in consent_header
    page.wait_for_function("window.__analyticsRan === true")
    assert len(context.analytics_requests) == 1
    cookie = _cookie(context, "pf_consent")
    assert cookie["expires"] - time.time() <= MAX_AGE + 5
    assert _cookie(context, "_ga") is not None
    page.reload()
    page.wait_for_function("window.__analyticsRan === true")  # served as a real script now
    assert not page.locator("#pf-consent-banner").is_visible()


def test_footer_link_reopens_the_panel_and_withdrawal_works(context_factory, live_url, records):
    context, page = _open(context_factory, live_url)
    page.get_by_role("button", name="Accept all").click()
    page.wait_for_function("window.__analyticsRan === true")
    assert _cookie(context, "_ga") and _cookie(context, "pf_bid")
    page.get_by_role("link", name="Cookie settings").click()
    banner = page.locator("#pf-consent-banner")
    assert banner.is_visible()
    assert page.locator("#pf-consent-panel").is_visible()
    assert page.locator("#pf-banner-analytics").is_checked()
    with page.expect_navigation():  # withdrawal reloads the page so nothing optional keeps running
        page.get_by_role("button", name="Reject all").click()
    page.wait_for_load_state("networkidle")
    assert _cookie(context, "_ga") is None and _cookie(context, "pf_bid") is None
    assert page.evaluate("window.__analyticsRan") is None
    consent_id = re.search(r'"i":"([^"]+)"', _decoded(context)).group(1)
    assert [r.method for r in records(consent_id)] == ["accept_all", "withdrawal"]


def test_the_form_works_without_javascript(context_factory, live_url, records):
    context, page = _open(context_factory, live_url, java_script_enabled=False)
    assert page.locator("#pf-consent-banner").is_visible()
    page.get_by_role("link", name="Customise").click()
    assert page.url.endswith("/consent/settings/?next=/")
    page.get_by_label("Audience measurement").check()
    page.get_by_role("button", name="Save my choices").click()
    assert page.url == live_url.format(host=PUBLIC) + "/"
    assert not page.locator("#pf-consent-banner").is_visible()
    assert "Your cookie choices have been saved." in page.content()
    consent_id = re.search(r'"i":"([^"]+)"', _decoded(context)).group(1)
    record = records(consent_id)[0]
    assert record.method == "custom" and record.choices["audience"]
    assert not record.choices["analytics"]
    assert context.analytics_requests == []


def test_the_banner_works_with_the_keyboard_only(context_factory, live_url, records):
    context, page = _open(context_factory, live_url)
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "pf-consent-customize":
            break
    assert page.evaluate("document.activeElement.id") == "pf-consent-customize"
    page.keyboard.press("Enter")
    assert page.get_attribute("#pf-consent-customize", "aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "pf-banner-preferences"
    page.keyboard.press("Space")
    assert page.locator("#pf-banner-preferences").is_checked()
    for _ in range(12):  # each category's toggle and policy link, then Save
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.value") == "custom":
            break
    assert page.evaluate("document.activeElement.value") == "custom"
    page.keyboard.press("Enter")
    page.locator("#pf-consent-banner").wait_for(state="hidden")
    assert page.evaluate("document.activeElement.id") == "main"
    consent_id = re.search(r'"i":"([^"]+)"', _decoded(context)).group(1)
    record = records(consent_id)[0]
    assert record.method == "custom"
    assert record.choices["preferences"] and not record.choices["audience"]


def test_escape_closes_the_banner_as_a_refusal(context_factory, live_url, records):
    context, page = _open(context_factory, live_url)
    page.get_by_role("button", name="Accept all").focus()
    page.keyboard.press("Escape")
    page.locator("#pf-consent-banner").wait_for(state="hidden")
    consent_id = re.search(r'"i":"([^"]+)"', _decoded(context)).group(1)
    assert [r.method for r in records(consent_id)] == ["closed"]
    assert page.evaluate("window.__analyticsRan") is None

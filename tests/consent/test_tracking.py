"""Third-party tags run only on the pages listed in consent.tracking, and are told the route."""

import re

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from consent.tracking import TRACKED_VIEWS, route_pattern, route_tracked

PUBLIC_URLCONF = "perfony.urls_public"
TENANT_URLCONF = "perfony.urls_tenants"
# Pages reached through a link that carries a token: never a tag, whatever the list says.
TOKEN_VIEWS = {
    PUBLIC_URLCONF: {
        "privacy:dpo_verify",
        "privacy:dpo_export",
        "prospects:newsletter_confirm",
        "prospects:newsletter_unsubscribe",
        "testimonials:consent",
        "testimonials:revoke",
    },
    TENANT_URLCONF: {
        "extranet:invitation_accept",
        "extranet:email_confirm",
        "account_reset_password_from_key",
        "account_confirm_email",
    },
}
THIRD_PARTY = re.compile(r"googletagmanager|ga-config|consent-mode|licdn|data-consent-category")


def _walk(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield name, prefix + str(entry.pattern)


def _patterns(urlconf):
    return list(_walk(get_resolver(urlconf)))


@pytest.mark.parametrize("urlconf", [PUBLIC_URLCONF, TENANT_URLCONF])
def test_every_url_pattern_is_checked_against_the_one_list(urlconf):
    patterns = _patterns(urlconf)
    names = {name for name, _route in patterns}
    assert TOKEN_VIEWS[urlconf] <= names, "a token page was renamed: update this test"
    tracked = set()
    for name, route in patterns:
        told = route_tracked(schema="acme", view_name=name, route=route)
        assert told is None, f"{name} ({route}) would load a tag on an extranet"
        if urlconf == TENANT_URLCONF:
            continue  # an extranet host is never the public schema
        told = route_tracked(schema="public", view_name=name, route=route)
        if told is None:
            continue
        tracked.add(name)
        assert name not in TOKEN_VIEWS[urlconf]
        # A parameter that is not a number can be a token, an email or a slug naming someone.
        assert not re.search(r"<(?!int:)", route), f"{name} ({route}) has a non-numeric parameter"
        assert not route.startswith(("admin/", "^admin")), name
        assert told == route_pattern(route)
    if urlconf == PUBLIC_URLCONF:
        # Every listed view exists: a renamed view cannot silently drop out of (or into) the list.
        assert tracked == TRACKED_VIEWS


def test_route_pattern_replaces_every_parameter():
    assert route_pattern("careers/<int:pk>/apply/") == "/careers/:id/apply/"
    assert route_pattern("") == "/"
    assert route_pattern("a/<str:token>/b/<slug:s>/") == "/a/:token/b/:s/"


def _accept_all(client):
    client.post("/consent/", {"action": "accept_all", "next": "/"})


@override_settings(CONSENT_GOOGLE_ANALYTICS_ID="G-TEST123", CONSENT_LINKEDIN_PARTNER_ID="4242")
def test_public_page_loads_the_tags_after_accept_all_and_tells_the_route(public_client):
    _accept_all(public_client)
    html = public_client.get("/careers/").content.decode()
    assert 'src="https://www.googletagmanager.com/gtag/js?id=G-TEST123"' in html
    assert 'src="https://snap.licdn.com/li.lms-analytics/insight.min.js?pid=4242"' in html
    assert 'data-route="/careers/"' in html


@override_settings(CONSENT_GOOGLE_ANALYTICS_ID="G-TEST123", CONSENT_LINKEDIN_PARTNER_ID="4242")
def test_a_tag_that_reads_the_url_skips_pages_with_a_query_or_a_parameter(public_client):
    _accept_all(public_client)
    html = public_client.get("/careers/?email=ann@example.com").content.decode()
    assert "googletagmanager" in html  # told the route pattern, not the URL
    assert "licdn" not in html


@override_settings(CONSENT_GOOGLE_ANALYTICS_ID="G-TEST123", CONSENT_LINKEDIN_PARTNER_ID="4242")
def test_extranet_page_has_no_third_party_tag_after_accept_all(acme_client):
    _accept_all(acme_client)
    response = acme_client.get("/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-consented="necessary preferences audience analytics advertising"' in html
    assert not THIRD_PARTY.search(html)
    assert 'data-route=""' in html


@override_settings(CONSENT_GOOGLE_ANALYTICS_ID="G-TEST123", CONSENT_LINKEDIN_PARTNER_ID="4242")
@pytest.mark.parametrize(
    "path",
    [
        "/newsletter/confirm/not-a-real-token/",
        "/newsletter/unsubscribe/not-a-real-token/",
        "/testimonials/consent/not-a-real-token/",
        "/testimonials/revoke/not-a-real-token/",
        "/dpo/verify/not-a-real-token/",
        "/dpo/export/not-a-real-token/",
        "/no-such-page/",
    ],
)
def test_token_page_has_no_third_party_tag_after_accept_all(public_client, path):
    _accept_all(public_client)
    assert "googletagmanager" in public_client.get("/").content.decode()  # the tag works
    html = public_client.get(path).content.decode()
    assert not THIRD_PARTY.search(html), path


@override_settings(CONSENT_GOOGLE_ANALYTICS_ID="G-TEST123", CONSENT_LINKEDIN_PARTNER_ID="4242")
@pytest.mark.parametrize(
    ("referrer", "linkedin"),
    [
        ("http://perfony.localhost/newsletter/confirm/a-token/", False),
        ("http://perfony.localhost/careers/?email=ann@example.com", False),
        ("http://perfony.localhost/careers/", True),
        ("https://search.example/", True),
    ],
)
def test_a_tag_that_reads_the_referrer_skips_pages_reached_from_a_token_link(
    public_client, referrer, linkedin
):
    _accept_all(public_client)
    html = public_client.get("/", HTTP_REFERER=referrer).content.decode()
    assert "googletagmanager" in html
    assert ("licdn" in html) is linkedin

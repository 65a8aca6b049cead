"""The privacy and cookie policies list exactly the configured third parties, from the registry."""

import re

import pytest
from django.test import override_settings
from django.utils import translation
from django.utils.html import escape

from consent import cookies

GOOGLE = next(r for r in cookies.RECIPIENTS if r.provider == "Google")
LINKEDIN = next(r for r in cookies.RECIPIENTS if r.provider == "LinkedIn")
PAGES = ("/privacy/", "/cookies/")


def _listed(html: str) -> set[str]:
    return set(re.findall(r'<h3 id="recipient-([a-z-]+)">', html))


def _page(client, path, language="en"):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("path", PAGES)
def test_no_third_party_listed_when_none_is_configured(public_client, path):
    html = _page(public_client, path)
    assert _listed(html) == set()
    assert "No third party receives data from your visits" in html
    assert "Google Ireland" not in html and "LinkedIn Ireland" not in html


@override_settings(CONSENT_GOOGLE_ANALYTICS_ID="G-TEST123")
@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("language", ["en", "nl", "fr"])
def test_only_the_configured_third_party_is_listed_in_every_language(public_client, path, language):
    html = _page(public_client, path, language)
    assert _listed(html) == {"google"}
    assert "LinkedIn Ireland" not in html
    with translation.override(language):
        for text in (GOOGLE.name, GOOGLE.purpose, GOOGLE.country, GOOGLE.transfer):
            assert escape(str(text)) in html, text
        assert escape(str(GOOGLE.retention)) in html
        translated = str(GOOGLE.transfer)
    with translation.override("en"):
        assert (translated != str(GOOGLE.transfer)) is (language != "en"), "not translated"
    for name in ("_ga", "_ga_*", "_gcl_au"):
        assert f"<code>{name}</code>" in html


@override_settings(CONSENT_GOOGLE_ANALYTICS_ID="G-TEST123", CONSENT_LINKEDIN_PARTNER_ID="4242")
def test_both_third_parties_are_listed_when_both_are_configured(public_client):
    for path in PAGES:
        html = _page(public_client, path)
        assert _listed(html) == {"google", "linkedin"}
        assert escape(str(LINKEDIN.transfer)) in html
        assert "<code>li_fat_id</code>" in html


@override_settings(CONSENT_GOOGLE_ANALYTICS_ID="G-TEST123", CONSENT_LINKEDIN_PARTNER_ID="4242")
def test_scripts_are_labelled_by_party_and_categories_by_name(public_client):
    html = _page(public_client, "/cookies/")
    table = html[html.index("Scripts loaded only after consent") :]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", table)
    by_purpose = {purpose: (category, party) for purpose, category, party in rows}
    assert len(by_purpose) == 3
    config = by_purpose[escape(str(cookies.SCRIPTS[1].purpose))]
    assert config[1] == "Perfony (first party)"  # ga-config.js is ours
    assert by_purpose[escape(str(cookies.SCRIPTS[0].purpose))][1] == "Google (third party)"
    assert by_purpose[escape(str(cookies.SCRIPTS[2].purpose))][1] == "LinkedIn (third party)"
    for category, _party in by_purpose.values():
        assert ">Third-party analytics<" in category or ">Advertising<" in category
        assert ">analytics<" not in category and ">advertising<" not in category

"""The privacy policy's data, purposes, recipients, transfers, retention and rights sections are
generated from the personal-data declarations: no period is typed by hand."""

import re

import pytest
from django.utils.html import escape

from privacy.recipients import RECIPIENTS
from privacy.registry import registry


def _page(client, language="en") -> str:
    return client.get("/privacy/", HTTP_ACCEPT_LANGUAGE=language).content.decode()


def _section(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"(.*?)</(table|ul|p)>', html, re.S)
    assert match, element_id
    return match.group(1)


def test_every_declared_model_is_in_the_data_held_and_purposes_sections(public_client):
    html = _page(public_client)
    data = _section(html, "privacy-data")
    purposes = _section(html, "privacy-purposes")
    for entry in registry.entries():
        assert f'id="data-{entry.model.lower().replace(".", "")}"' in data, entry.model
        assert escape(str(entry.purpose)) in purposes, entry.model
        assert escape(entry.legal_basis.describe()) in purposes, entry.model
    # A legitimate interest is always named after the basis.
    assert "Legitimate interest (GDPR Art. 6(1)(f)): answering the people who contact us" in (
        purposes.replace("&#x27;", "'")
    )


def test_recipients_are_listed_with_what_reaches_them(public_client):
    html = _page(public_client)
    recipients = _section(html, "privacy-recipients")
    for recipient in RECIPIENTS.values():
        assert f'id="recipient-{recipient.key}"' in recipients
    partners = re.search(r'id="recipient-partners">(.*?)</li>', recipients, re.S).group(1)
    prospect = registry.personal["prospects.prospect"]
    assert escape(str(prospect.description)) in partners
    assert escape(str(registry.personal["careers.application"].description)) not in partners
    assert "None of the recipients" in _section(html, "privacy-transfers")


def test_the_rights_section_names_every_art_13_element_and_links_the_request_pages(
    public_client,
):
    html = _page(public_client)
    rights = html[html.index('id="privacy-rights"') : html.index('id="privacy-rights-how"')]
    for words in (
        "Art. 15",
        "portability (GDPR Art. 20)",
        "restriction of processing (GDPR Art. 18)",
        "object (GDPR Art. 21(1))",
        "does not affect the lawfulness",
        "not a legal obligation",
        "solely on automated processing",
        "after your death",
    ):
        assert words in rights, words
    assert 'href="/dpo/"' in html and "/my-data/" in html


def test_on_an_extranet_the_rights_link_to_my_data(acme_client):
    html = acme_client.get("/privacy/").content.decode()
    assert 'href="/my-data/"' in html and "/dpo/" in html


def test_a_period_override_changes_the_prose_the_tables_and_the_lists(public_client, settings):
    settings.RETENTION_PERIODS = {"prospects": {"years": 4}, "consent_cookie": {"days": 90}}
    html = _page(public_client)
    assert "at most 90 days" in html and "longer than 90 days" in html
    assert "100 days" not in html
    per_model = _section(html, "privacy-retention-per-model")
    assert "4 years from your last contact with Perfony" in per_model
    assert "3 years from your last contact" not in html


@pytest.mark.parametrize(
    ("language", "words"),
    [("nl", "4 jaar vanaf uw laatste contact met Perfony"), ("fr", "4 ans à compter de votre")],
)
def test_the_generated_prose_is_in_the_page_language(public_client, settings, language, words):
    settings.RETENTION_PERIODS = {"prospects": {"years": 4}}
    html = _page(public_client, language).replace("&#x27;", "'")
    assert words in html


def test_the_consent_apps_third_parties_plug_into_the_recipients_section(
    public_client, monkeypatch
):
    """The consent app's cookie register provides consent/_recipients.html; when it exists, it
    is included right after the recipients list."""
    from privacy import selectors

    monkeypatch.setattr(
        selectors, "THIRD_PARTY_RECIPIENTS_TEMPLATE", "legal/privacy_transfers.html"
    )
    html = _page(public_client)
    assert html.count('id="privacy-transfers"') == 2

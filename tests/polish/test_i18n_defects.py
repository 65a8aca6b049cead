"""Translation defects a person would notice (issue 15)."""

import pytest
from django.utils import translation

from security.models import SecurityEvent
from tests.support.http import host_client


@pytest.mark.parametrize(("language", "label"), [("fr", "Connexion"), ("nl", "Aanmelding")])
def test_the_login_event_is_named_as_an_event_not_as_the_username_field(language, label):
    with translation.override(language):
        assert str(SecurityEvent.Kind.LOGIN.label) == label


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_language_switcher_names_each_language_in_itself(public_client, language):
    public_client.cookies["django_language"] = language
    html = public_client.get("/").content.decode()
    for name in ("Nederlands", "Français", "English"):
        assert f">{name}</option>" in html
    assert "Anglais" not in html and "Engels" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "heading"),
    [("fr-FR,fr;q=0.9", "Cet extranet n'existe pas"), ("nl-BE", "Dit extranet bestaat niet")],
)
def test_the_unknown_extranet_page_speaks_the_visitors_language(accept, heading):
    client = host_client("nowhere.iperfony.localhost", HTTP_ACCEPT_LANGUAGE=accept)
    response = client.get("/")
    assert response.status_code == 404
    html = response.content.decode()
    assert heading in html.replace("&#x27;", "'")
    assert f'lang="{accept[:2]}"' in html


def _record(acme, **kwargs):
    from tests.consent.factories import ConsentRecordFactory
    from tests.support.tenants import in_schema

    with in_schema(acme):
        return ConsentRecordFactory(policy_version="2026.1+6e7cc781", **kwargs)


def test_consent_records_name_categories_and_versions_as_people_read_them(acme, acme_admin_client):
    _record(acme, method="reject_all")
    acme_admin_client.cookies["django_language"] = "fr"
    html = acme_admin_client.get("/consent/records/").content.decode()
    assert "Mesure d&#x27;audience: non" in html
    assert "Analyse par un tiers: non" in html
    assert "2026.1" in html and "6e7cc781" not in html
    assert ">audience:" not in html and ">analytics:" not in html


def test_the_admin_shows_a_consent_record_with_category_names(staff_client):
    from consent.models import ConsentRecord
    from tests.consent.factories import ConsentRecordFactory

    record = ConsentRecordFactory(policy_version="2026.1+6e7cc781")
    assert ConsentRecord.objects.filter(pk=record.pk).exists()
    staff_client.cookies["django_language"] = "nl"
    html = staff_client.get(f"/admin/consent/consentrecord/{record.pk}/change/").content.decode()
    assert "Analyse door derden: ja" in html
    assert "6e7cc781" not in html and "&quot;analytics&quot;" not in html

"""Translation defects a person would notice (issue 15)."""

import pytest
from django.utils import translation

from security.models import SecurityEvent
from tests.conftest import host_client


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

"""The Art. 30 record of processing activities, generated from the declarations."""

import csv
import io
import json

import pytest
from django.test import Client

from accounts.models import User
from privacy.registry import registry

URL = "/admin/privacy/register/"


def _client(user) -> Client:
    client = Client(HTTP_HOST="perfony.localhost")
    client.force_login(user)
    return client


def test_privacy_officers_read_one_line_per_personal_model(officer):
    html = _client(officer).get(URL).content.decode()
    for entry in registry.entries():
        assert f"<td>{entry.model}</td>" in html
    assert "?format=csv" in html and "?format=json" in html


def test_csv_and_json_say_the_same_and_follow_a_period_override(officer, settings):
    settings.RETENTION_PERIODS = {"prospects": {"years": 4}}
    client = _client(officer)
    data = json.loads(client.get(URL + "?format=json").content)
    response = client.get(URL + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["model"] for r in rows] == [a["model"] for a in data["activities"]]
    assert len(rows) == len(registry.entries())
    prospect = next(a for a in data["activities"] if a["model"] == "prospects.Prospect")
    assert prospect["retention"].startswith("4 years from your last contact")
    assert "Legitimate interest (GDPR Art. 6(1)(f))" in prospect["legal_basis"]
    assert "Partners of joint offers" in prospect["recipients"]
    user = next(r for r in rows if r["model"] == "accounts.User")
    assert "first_name" in user["security"] and "phone" in user["security"]  # encrypted
    assert user["role"] == "processor for the customer company"
    for row in rows:
        assert all(row[c] for c in ("purpose", "legal_basis", "retention", "data_subjects")), row


def test_the_register_is_in_the_staff_language(officer):
    response = _client(officer).get(URL + "?format=json", HTTP_ACCEPT_LANGUAGE="fr")
    data = json.loads(response.content)
    prospect = next(a for a in data["activities"] if a["model"] == "prospects.Prospect")
    assert prospect["retention"].startswith("3 ans à compter de votre dernier contact")


def test_other_staff_and_visitors_cannot_read_it(db, public_client):
    clerk = User.objects.create_user("clerk", "clerk@perfony.com", "pw-Perfony-1", is_staff=True)
    assert _client(clerk).get(URL).status_code == 403
    assert _client(clerk).get(URL + "?format=csv").status_code == 403
    response = public_client.get(URL + "?format=json")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("wanted", ["xml", "", "../etc"])
def test_an_unknown_format_is_a_clear_400(officer, wanted):
    response = _client(officer).get(URL, {"format": wanted})
    assert response.status_code == 400


def test_the_privacy_app_page_links_the_register(officer):
    html = _client(officer).get("/admin/privacy/").content.decode()
    assert f'href="{URL}"' in html

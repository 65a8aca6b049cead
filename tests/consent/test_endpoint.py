import json

import pytest
from django.core import signing
from django.test import Client

from consent.models import ConsentRecord
from consent.selectors import consent_version
from tests.support.http import PUBLIC_HOST

MAX_AGE = 100 * 86400


def post_form(client, action="accept_all", **extra):
    return client.post("/consent/", {"action": action, "next": "/cookies/", **extra})


def post_json(client, body, **headers):
    return client.post("/consent/", data=body, content_type="application/json", **headers)


def test_accept_all_by_form_stores_proof_and_sets_the_signed_cookie(public_client):
    response = public_client.post(
        "/consent/",
        {"action": "accept_all", "next": "/cookies/"},
        REMOTE_ADDR="203.0.113.77",
        HTTP_USER_AGENT="TestBrowser/1.0",
    )
    assert response.status_code == 303
    assert response["Location"] == "/cookies/"
    record = ConsentRecord.objects.get()
    assert record.method == "accept_all"
    assert record.choices == {
        "necessary": True,
        "preferences": True,
        "audience": True,
        "analytics": True,
        "advertising": True,
    }
    assert record.ip_truncated == "203.0.113.0/24"
    assert record.user_agent == "TestBrowser/1.0"
    assert len(record.banner_hash) == 64
    assert record.policy_version == consent_version()
    assert record.user is None
    assert (record.expires_at - record.created_at).total_seconds() == MAX_AGE
    cookie = response.cookies["pf_consent"]
    assert cookie["max-age"] == MAX_AGE
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"]
    payload = signing.loads(cookie.value, salt="perfony.consent")
    assert payload["i"] == str(record.consent_id)
    assert payload["v"] == record.policy_version
    assert payload["c"]["analytics"] == 1
    assert "pf_bid" in response.cookies  # preferences consented: the browser id is set


def test_reject_all_sets_nothing_optional(public_client):
    response = post_form(public_client, "reject_all")
    assert response.status_code == 303
    record = ConsentRecord.objects.get()
    assert record.method == "reject_all"
    assert not any(v for k, v in record.choices.items() if k != "necessary")
    assert "pf_bid" not in response.cookies


def test_close_counts_as_refusal(public_client):
    post_form(public_client, "close")
    record = ConsentRecord.objects.get()
    assert record.method == "closed"
    assert not record.choices["analytics"]


def test_custom_choice_keeps_only_switched_on_categories(public_client):
    post_form(public_client, "custom", preferences="on", audience="on")
    record = ConsentRecord.objects.get()
    assert record.method == "custom"
    assert record.choices["preferences"] and record.choices["audience"]
    assert not record.choices["analytics"] and not record.choices["advertising"]


def test_json_with_csrf_header_is_accepted(db):
    client = Client(HTTP_HOST=PUBLIC_HOST, enforce_csrf_checks=True)
    client.get("/")
    token = client.cookies["csrftoken"].value
    response = post_json(
        client,
        {"action": "custom", "choices": {"audience": True, "analytics": False}},
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200
    data = response.json()
    assert data["consented"] == ["necessary", "audience"]
    assert ConsentRecord.objects.filter(consent_id=data["consent_id"]).exists()


def test_json_without_csrf_header_is_refused_and_nothing_stored(db):
    client = Client(HTTP_HOST=PUBLIC_HOST, enforce_csrf_checks=True)
    client.get("/")
    response = post_json(client, {"action": "accept_all"})
    assert response.status_code == 403
    assert not ConsentRecord.objects.exists()


def test_form_without_csrf_token_is_refused(db):
    client = Client(HTTP_HOST=PUBLIC_HOST, enforce_csrf_checks=True)
    client.get("/")
    assert post_form(client).status_code == 403
    assert not ConsentRecord.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"action": "custom", "choices": {"tracking": True}}, "Unknown cookie category: tracking"),
        ({"action": "custom", "choices": {"audience": "yes"}}, "must be on or off"),
        ({"action": "nope"}, "Unknown consent action"),
        ({"action": "custom", "choices": ["audience"]}, "Choices must map"),
        ({"action": "custom", "extra": 1}, "must be an object"),
        ({"action": "custom", "choices": {"necessary": False}}, "cannot be switched off"),
    ],
)
def test_bad_json_gets_400_with_message_and_nothing_stored(public_client, body, message):
    response = post_json(public_client, body)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not ConsentRecord.objects.exists()


def test_malformed_json_gets_400(public_client):
    response = public_client.post("/consent/", data=b"{not json", content_type="application/json")
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["error"]
    assert not ConsentRecord.objects.exists()


def test_unknown_category_in_form_gets_400_page(public_client):
    response = post_form(public_client, "custom", tracking="on")
    assert response.status_code == 400
    assert b"Unknown cookie category: tracking" in response.content
    assert not ConsentRecord.objects.exists()


def test_body_over_4_kb_gets_400(public_client):
    response = post_json(
        public_client, {"action": "custom", "choices": {"audience": True}, "pad": "x" * 4200}
    )
    assert response.status_code == 400
    assert "too large" in response.json()["error"]
    form = post_form(public_client, "custom", next="/" + "a" * 5000)
    assert form.status_code == 400
    assert not ConsentRecord.objects.exists()


def test_error_message_is_translated(public_client):
    response = public_client.post(
        "/consent/",
        data={"action": "custom", "choices": {"tracking": True}},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 400
    assert "Catégorie de cookies inconnue" in response.json()["error"]


def test_get_is_not_allowed(public_client):
    assert public_client.get("/consent/").status_code == 405


def test_offsite_next_is_ignored(public_client):
    response = post_form(public_client, next="https://evil.example.com/")
    assert response["Location"] == "/"


def test_consent_endpoint_exists_on_extranets(acme_client):
    response = acme_client.post("/consent/", {"action": "reject_all", "next": "/accounts/login/"})
    assert response.status_code == 303
    assert "pf_consent" in response.cookies


def test_json_response_lists_consented_categories(public_client):
    data = post_json(public_client, {"action": "accept_all"}).json()
    assert set(data["consented"]) == {
        "necessary",
        "preferences",
        "audience",
        "analytics",
        "advertising",
    }
    assert data["withdrawn"] == []
    assert json.dumps(data)


def test_json_withdrawal_lists_the_cookies_to_expire(public_client):
    post_json(public_client, {"action": "accept_all"})
    public_client.cookies["_ga"] = "GA1.1.1"
    public_client.cookies["_ga_XYZ"] = "GS1.1"
    data = post_json(public_client, {"action": "withdraw"}).json()
    assert data["expired"] == ["_ga", "_ga_XYZ", "pf_bid"]
    assert set(data["withdrawn"]) == {"preferences", "audience", "analytics", "advertising"}

"""Consent receipts (ISO/IEC TS 27560 shape, W3C DPV terms), validated against the repo's schema."""

import hashlib
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from jsonschema import Draft202012Validator, ValidationError

from consent.models import ConsentRecord
from consent.receipts import consent_receipt
from legal.models import PolicyVersion

from .factories import ConsentRecordFactory

SCHEMA = json.loads(
    (Path(settings.BASE_DIR) / "consent/schemas/consent-receipt.schema.json").read_text()
)
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _statuses(receipt) -> dict:
    return {p["dct:identifier"]: p.get("dpv:hasConsentStatus") for p in receipt["dpv:hasPurpose"]}


def test_the_schema_itself_is_valid():
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("method", ConsentRecord.Method.values)
def test_a_receipt_of_every_method_validates_against_the_schema(db, method):
    record = ConsentRecordFactory(method=method, gpc=method == "custom")
    receipt = json.loads(json.dumps(consent_receipt(record=record)))  # as it is downloaded
    VALIDATOR.validate(receipt)
    assert receipt["perfony:method"] == method
    assert receipt["perfony:globalPrivacyControl"] is (method == "custom")
    assert receipt["perfony:recordHash"] == record.record_hash
    assert receipt["dpv:hasIdentifier"] == str(record.consent_id)


def test_a_receipt_states_the_choice_per_purpose_time_and_policy(db):
    policy = PolicyVersion.objects.create(
        kind="cookies",
        version="7",
        text_en="The cookie policy, version 7.",
        text_nl="Het cookiebeleid, versie 7.",
        text_fr="La politique cookies, version 7.",
        change="minor",
        published_at=timezone.now(),
        effective_at=timezone.localdate(),
    )
    record = ConsentRecordFactory(
        method="custom",
        policy_version="7+abcd1234",
        language="fr",
        choices={"necessary": True, "preferences": True, "audience": False, "analytics": True},
    )
    receipt = consent_receipt(record=record)
    assert _statuses(receipt) == {
        "necessary": None,  # no consent needed, none asked
        "preferences": "dpv:ConsentGiven",
        "audience": "dpv:ConsentRefused",
        "analytics": "dpv:ConsentGiven",
        "advertising": "dpv:ConsentRefused",
    }
    notice = receipt["dpv:hasNotice"]
    assert notice["dct:hasVersion"] == "7+abcd1234"
    expected = hashlib.sha256(policy.text_fr.encode()).hexdigest()
    assert notice["perfony:policyTextSha256"] == expected
    assert receipt["dpv:isIndicatedAtTime"] == record.created_at.isoformat().replace("+00:00", "Z")
    assert receipt["dpv:hasDataController"]["dpv:hasName"] == "Perfony SAS"
    VALIDATOR.validate(json.loads(json.dumps(receipt)))


def test_a_withdrawal_receipt_says_withdrawn(db):
    record = ConsentRecordFactory(method="withdrawal", choices={"necessary": True})
    statuses = _statuses(consent_receipt(record=record))
    assert set(statuses.values()) == {None, "dpv:ConsentWithdrawn"}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("dpv:hasPurpose",), []),
        (("perfony:method",), "maybe"),
        (("dpv:isIndicatedAtTime",), "yesterday"),
        (("dpv:hasNotice", "perfony:bannerTextSha256"), "abc"),
        (("perfony:recordHash",), ""),
    ],
)
def test_the_schema_rejects_a_broken_receipt(db, path, value):
    receipt = json.loads(json.dumps(consent_receipt(record=ConsentRecordFactory())))
    target = receipt
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValidationError):
        VALIDATOR.validate(receipt)


def test_a_visitor_downloads_the_receipt_of_their_current_choice(public_client):
    assert public_client.get("/consent/receipt/").status_code == 404  # no choice yet
    public_client.post("/consent/", {"action": "custom", "audience": "on"})
    public_client.post("/consent/", {"action": "custom", "audience": "on", "analytics": "on"})
    settings_page = public_client.get("/consent/settings/").content.decode()
    assert 'href="/consent/receipt/"' in settings_page
    response = public_client.get("/consent/receipt/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    assert response["Content-Disposition"].startswith("attachment;")
    receipt = json.loads(response.content)
    VALIDATOR.validate(receipt)
    latest = ConsentRecord.objects.order_by("-id").first()
    assert receipt["perfony:recordHash"] == latest.record_hash
    assert _statuses(receipt)["analytics"] == "dpv:ConsentGiven"
    assert latest.ip_truncated not in response.content.decode()


def test_no_receipt_for_an_expired_or_forged_cookie(public_client):
    public_client.cookies["pf_consent"] = "forged"
    response = public_client.get("/consent/receipt/")
    assert response.status_code == 404
    assert "no current cookie choice" in response.content.decode()

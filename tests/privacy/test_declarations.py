"""One declaration per model: every text a person reads follows it, per model, with overrides."""

import json
import re

from django.utils.html import escape

from privacy.models import SubjectRequest
from privacy.registry import registry
from privacy.selectors import entry_notice
from tests.support.privacy import export_zip, request_through
from tests.support.tenants import in_schema


def _my_data_row(html: str, model: str) -> str:
    match = re.search(
        rf'<section class="privacy-line" id="my-data-{model}">(.*?)</section>', html, re.S
    )
    assert match, model
    return match.group(1)


def test_my_data_states_each_models_own_purpose_and_period(acme, acme_member_client):
    """KnownBrowser shares SecurityEvent's category but not its 12 months, nor its purpose."""
    html = acme_member_client.get("/my-data/").content.decode()
    log = _my_data_row(html, "securitysecurityevent")
    browsers = _my_data_row(html, "securityknownbrowser")
    assert "1 year from the recording of the entry" in log
    assert "1 year" not in browsers and "deleted with it" in browsers
    assert escape(str(registry.personal["security.knownbrowser"].purpose)) in browsers
    assert escape(str(registry.personal["security.securityevent"].purpose)) not in browsers
    assert "Legitimate interest (GDPR Art. 6(1)(f))" in log
    for entry in registry.entries(scope="tenant"):
        _my_data_row(html, entry.model.lower().replace(".", ""))  # one row per model


def test_my_data_follows_a_period_override_and_speaks_the_users_language(
    acme, acme_member_client, settings
):
    settings.RETENTION_PERIODS = {"security_log": {"months": 6}, "customers": {"years": 4}}
    html = acme_member_client.get("/my-data/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "6 maanden" in _my_data_row(html, "securitysecurityevent")
    assert "4 jaar" in _my_data_row(html, "accountsuser")  # goes with the extranet


def test_index_json_states_each_models_own_texts_with_the_override(
    db, staff, settings, django_capture_on_commit_callbacks
):
    from tests.prospects.factories import ProspectFactory

    settings.RETENTION_PERIODS = {"prospects": {"years": 4}}
    ProspectFactory(email="four.years@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        subject_request = request_through(
            email="four.years@example.org", type=SubjectRequest.Type.ACCESS, actor=staff
        )
    export = subject_request.exports.get()
    with export_zip(export) as zf:
        manifest = json.loads(zf.read("index.json"))
    models = {m["model"]: m for c in manifest["categories"] for m in c["models"]}
    prospect = models["prospects.Prospect"]
    assert prospect["rows"] == 1
    assert prospect["retention"].startswith("4 years from your last contact")
    assert prospect["legal_basis"].startswith("Legitimate interest")
    assert "Partners of joint offers" in prospect["recipients"]
    newsletter = models["prospects.NewsletterSubscription"]
    assert newsletter["legal_basis"] == "Consent (GDPR Art. 6(1)(a))"
    assert "4 years" in newsletter["retention"]  # deleted with its prospect, whose rule it is
    assert models["privacy.SubjectRequest"]["purpose"] != prospect["purpose"]


def test_the_erasure_report_dates_what_it_retains_from_the_rule(
    acme, staff, settings, django_capture_on_commit_callbacks
):
    settings.RETENTION_PERIODS = {"consent_proof": {"years": 6}}
    from allauth.account.models import EmailAddress

    from consent.models import ConsentRecord
    from tests.factories import UserFactory

    with in_schema(acme):
        user = UserFactory(email="six.years@example.org")
        # A request by email reaches an extranet account only once its owner proved the address.
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        ConsentRecord.objects.create(
            created_at=user.date_joined,
            expires_at=user.date_joined,
            choices={},
            policy_version="1",
            language="en",
            user=user,
        )
    with django_capture_on_commit_callbacks(execute=True):
        subject_request = request_through(
            email="six.years@example.org", type=SubjectRequest.Type.ERASURE, actor=staff
        )
    subject_request.refresh_from_db()
    line = next(
        line
        for line in subject_request.outcome["report"]
        if line["model"] == "consent.ConsentRecord"
    )
    assert line["outcome"] == "retained"
    assert line["until"].startswith("6 years from the end of the choice's validity")


def test_every_notice_is_complete_in_every_language():
    from django.utils import translation

    for language in ("en", "nl", "fr"):
        with translation.override(language):
            for entry in registry.entries():
                notice = entry_notice(entry=entry)
                assert all(notice[k] for k in notice), (language, entry.model)


def test_every_declared_text_is_translated():
    """A declaration without nl and fr catalog entries would show English to everyone."""
    from django.utils import translation

    keys = ("description", "purpose", "legal_basis", "recipients", "retention", "retention_basis")
    for entry in registry.entries():
        with translation.override("en"):
            english = entry_notice(entry=entry)
        for language in ("nl", "fr"):
            with translation.override(language):
                notice = entry_notice(entry=entry)
            for key in keys:
                assert notice[key] != english[key], (language, entry.model, key, english[key])

"""Erasure across schemas, proved by scanning the raw tables afterwards."""

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client

from privacy.models import SubjectRequest, SuppressedEmail
from privacy.registry import registry
from privacy.selectors import email_is_suppressed
from privacy.services import RequestStateError, request_execute
from tests.conftest import in_schema
from tests.privacy.conftest import person_populate, request_through
from tests.privacy.samples import builders_discover

ERASURE = SubjectRequest.Type.ERASURE


def test_every_registered_model_has_a_sample_builder():
    builders = builders_discover()
    missing = [e.model for e in registry.entries() if e.model.lower() not in builders]
    assert missing == [], f"add a builder in tests/<app>/privacy_samples.py for {missing}"


def _text_columns(schema: str) -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = %s AND data_type IN "
            "('text', 'character varying', 'json', 'jsonb', 'character')",
            [schema],
        )
        tables: dict[str, list[str]] = {}
        for table, column in cursor.fetchall():
            tables.setdefault(table, []).append(column)
    return tables


def scan(schema: str, needles: list[str]) -> set[str]:
    """Tables of `schema` where any text column of any row contains any needle."""
    hits = set()
    with connection.cursor() as cursor:
        for table, columns in _text_columns(schema).items():
            for needle in needles:
                where = " OR ".join(f'"{c}"::text ILIKE %s' for c in columns)
                cursor.execute(
                    f'SELECT 1 FROM "{schema}"."{table}" WHERE {where} LIMIT 1',
                    ["%" + needle + "%"] * len(columns),
                )
                if cursor.fetchone():
                    hits.add(table)
    return hits


def dump(schema: str, needles: list[str]) -> list[str]:
    """Every row (as JSON text) of `schema` that mentions one of the needles, sorted."""
    rows = []
    with connection.cursor() as cursor:
        for table in _text_columns(schema):
            cursor.execute(f'SELECT row_to_json(t)::text FROM "{schema}"."{table}" t')
            rows += [f"{table}:{r}" for (r,) in cursor.fetchall() if any(n in r for n in needles)]
    return sorted(rows)


def _table_of(model_label: str) -> str:
    from django.apps import apps

    return apps.get_model(model_label)._meta.db_table


@pytest.fixture
def erased(acme, subject_person, other_person, staff, django_capture_on_commit_callbacks):
    person_populate(subject_person, acme)
    person_populate(other_person, acme)
    before = {s: dump(s, other_person.needles) for s in ("public", "ext_acme")}
    with django_capture_on_commit_callbacks(execute=True):
        subject_request = request_through(email=subject_person.email, type=ERASURE, actor=staff)
    subject_request.refresh_from_db()
    return subject_request, before


def test_erasure_leaves_the_subject_only_in_rows_the_report_retains(erased, subject_person):
    subject_request, _ = erased
    assert subject_request.status == SubjectRequest.Status.COMPLETED
    report = subject_request.outcome["report"]
    retained = {_table_of(line["model"]) for line in report if line["outcome"] == "retained"}
    for line in report:
        if line["outcome"] == "retained":
            assert line["basis"] and line["until"]
    assert {"privacy_subjectrequest", "privacy_requestevent"} <= retained
    for schema in ("public", "ext_acme"):
        found = scan(schema, subject_person.needles)
        assert found <= retained, f"{schema}: {sorted(found - retained)} still hold the subject"


def test_every_registered_category_with_subject_rows_is_in_the_report(erased):
    subject_request, _ = erased
    builders = builders_discover()
    expected = {e.model for e in registry.entries() if builders[e.model.lower()].subject_rows}
    assert {line["model"] for line in subject_request.outcome["report"]} == expected


def test_another_person_is_byte_for_byte_intact(erased, other_person):
    _, before = erased
    assert before["ext_acme"], "the other person must have rows to compare"
    for schema in ("public", "ext_acme"):
        assert dump(schema, other_person.needles) == before[schema]


def test_erased_user_cannot_log_in_and_sessions_and_files_are_gone(
    erased, acme, acme_client, subject_person
):
    from django.contrib.sessions.models import Session

    assert not acme_client.login(username="zquenby", password="correct horse battery staple")
    with in_schema(acme):
        from accounts.models import User

        user = User.objects.get(pk=subject_person.user.pk)
        assert user.is_erased and not user.is_active and not user.has_usable_password()
        assert str(user) == "Former user"
        sessions = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
        assert str(user.pk) not in sessions
    assert not default_storage.exists(subject_person.extra["export_file"])


def test_erasure_and_objection_suppress_the_address(erased, subject_person, staff):
    assert email_is_suppressed(email=subject_person.email.upper(), reasons=["erasure"])
    request_through(
        email="someone@example.org", type=SubjectRequest.Type.OBJECTION_PROSPECTING, actor=staff
    )
    assert email_is_suppressed(email="someone@example.org", reasons=["objection_prospecting"])
    assert not SuppressedEmail.objects.filter(email_hmac__icontains="someone").exists()


def test_erasure_report_is_sent_to_the_requester(erased, subject_person, mailoutbox):
    report_mail = [m for m in mailoutbox if m.to == [subject_person.email]][-1]
    assert "anonymised" in report_mail.body and "retained" in report_mail.body


def _approved_erasure(email, staff):
    from privacy import services

    subject_request = services.request_file_public(type=ERASURE, email=email)
    services.request_verify(subject_request=subject_request, actor=staff)
    services.request_approve(subject_request=subject_request, actor=staff)
    return subject_request


def test_a_legal_hold_on_the_extranet_blocks_erasure(acme, subject_person, staff):
    person_populate(subject_person, acme)
    acme.legal_hold, acme.legal_hold_reason = True, "Labour court case 2026-17"
    acme.save()
    subject_request = _approved_erasure(subject_person.email, staff)
    with pytest.raises(RequestStateError, match="Labour court case 2026-17"):
        request_execute(subject_request=subject_request, actor=staff)
    subject_request.refresh_from_db()
    assert "Labour court case 2026-17" in subject_request.blocked_reason
    assert subject_request.status == SubjectRequest.Status.APPROVED
    with in_schema(acme):
        from accounts.models import User

        assert User.objects.get(pk=subject_person.user.pk).email == subject_person.email


def test_a_legal_hold_on_the_person_blocks_erasure(db, staff):
    from privacy.models import SubjectLegalHold

    SubjectLegalHold.objects.create(email="held@example.org", reason="Tax audit")
    subject_request = _approved_erasure("held@example.org", staff)
    with pytest.raises(RequestStateError, match="Tax audit"):
        request_execute(subject_request=subject_request, actor=staff)


def test_admin_shows_the_blocked_reason(acme, staff, subject_person):
    person_populate(subject_person, acme)
    acme.legal_hold, acme.legal_hold_reason = True, "Labour court case 2026-17"
    acme.save()
    subject_request = _approved_erasure(subject_person.email, staff)
    client = Client(HTTP_HOST="perfony.localhost")
    client.force_login(staff)
    url = f"/admin/privacy/subjectrequest/{subject_request.pk}/"
    response = client.post(url + "execute/", follow=True)
    assert "Labour court case 2026-17" in response.content.decode()


def test_erasure_filed_from_an_extranet_stays_in_that_extranet(
    acme, globex, staff, django_capture_on_commit_callbacks
):
    from accounts.models import User
    from privacy import services
    from tests.factories import UserFactory

    with in_schema(acme):
        me = UserFactory(email="twice@example.org")
    with in_schema(globex):
        namesake = UserFactory(email="twice@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        subject_request = services.request_file_extranet(
            user=me, schema_name="ext_acme", type=ERASURE
        )
        services.request_approve(subject_request=subject_request, actor=staff)
        services.request_execute(subject_request=subject_request, actor=staff)
    with in_schema(acme):
        assert User.objects.get(pk=me.pk).is_erased
    with in_schema(globex):
        assert User.objects.get(pk=namesake.pk).email == "twice@example.org"


def test_erasure_by_email_reaches_an_extranet_that_only_invited_the_person(
    acme, staff, django_capture_on_commit_callbacks
):
    """No account yet, but the extranet holds the address in a pending invitation."""
    from datetime import timedelta

    from django.utils import timezone

    from extranet.models import Invitation

    email = "invitee.only@example.org"
    with in_schema(acme):
        Invitation.objects.create(
            email=email, token_hash="f" * 64, expires_at=timezone.now() + timedelta(days=7)
        )
    with django_capture_on_commit_callbacks(execute=True):
        request_through(email=email.upper(), type=ERASURE, actor=staff)
    with in_schema(acme):
        assert not Invitation.objects.filter(email__iexact=email).exists()

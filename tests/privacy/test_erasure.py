"""Erasure across schemas, proved by reading everything stored afterwards (see proof.py)."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client, TestCase

from privacy.models import SubjectRequest, SuppressedEmail
from privacy.registry import registry
from privacy.selectors import email_is_suppressed
from privacy.services import RequestStateError, request_execute
from tenants.models import Extranet
from tests.privacy.erasure_proof import SCHEMAS, Erased, assert_nothing_left
from tests.privacy.proof import files_snapshot, table_hits
from tests.privacy.samples import builders_discover
from tests.support.db import shared_transaction
from tests.support.privacy import (
    other_person_new,
    person_populate,
    request_through,
    staff_superuser_create,
    subject_person_new,
)
from tests.support.tenants import in_schema

ERASURE = SubjectRequest.Type.ERASURE


def test_every_registered_model_has_a_sample_builder():
    builders = builders_discover()
    missing = [e.model for e in registry.entries() if e.model.lower() not in builders]
    assert missing == [], f"add a builder in tests/<app>/privacy_samples.py for {missing}"


def dump(schema: str, needles: list[str]) -> list[str]:
    """Every row (as JSON text) of `schema` that mentions one of the needles, sorted."""
    rows = []
    with connection.cursor() as cursor:
        for table in table_hits(schema, needles):
            cursor.execute(f'SELECT row_to_json(t)::text FROM "{schema}"."{table}" t')
            rows += [f"{table}:{r}" for (r,) in cursor.fetchall() if any(n in r for n in needles)]
    return sorted(rows)


class TestOneErasureEverywhere:
    """Seven views of one erasure, which runs once for the class: in a transaction rolled back
    after the class's last test (tests/support/db.py), while each test's own writes are still
    rolled back after it. The erasure's emails are kept from the run (the mail outbox is emptied
    before each test)."""

    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, django_db_setup, django_db_blocker):
        with shared_transaction(django_db_blocker):
            acme = Extranet.objects.get(slug="acme")
            globex = Extranet.objects.get(slug="globex")
            subject, other = subject_person_new(), other_person_new()
            staff = staff_superuser_create()
            before = files_snapshot()
            person_populate(subject, acme, globex)
            person_populate(other, acme, globex)
            other_rows = {s: dump(s, other.needles) for s in SCHEMAS}
            sent_before = len(mail.outbox)
            with TestCase.captureOnCommitCallbacks(execute=True):
                subject_request = request_through(email=subject.email, type=ERASURE, actor=staff)
            subject_request.refresh_from_db()
            yield SimpleNamespace(
                erased=(Erased(subject_request, subject, before), other_rows),
                subject_person=subject,
                other_person=other,
                staff=staff,
                mails=mail.outbox[sent_before:],
            )

    @pytest.fixture
    def erased(self, run, db):
        return run.erased

    @pytest.fixture
    def subject_person(self, run):
        return run.subject_person

    @pytest.fixture
    def other_person(self, run):
        return run.other_person

    @pytest.fixture
    def staff(self, run, db):
        return run.staff

    @pytest.fixture
    def erasure_mails(self, run):
        """The emails the erasure sent (the outbox is emptied before each test)."""
        return run.mails

    def test_erasure_leaves_the_subject_only_in_rows_the_report_retains(self, erased):
        """Public, two extranets, the admin log, encrypted columns, inet and JSON columns, files."""
        proof, _ = erased
        assert {"privacy_subjectrequest", "privacy_requestevent"} <= proof.retained_tables()
        sources = {line["source"] for line in proof.report}
        assert {"Perfony", "Acme SA (acme)", "Globex BV (globex)"} <= sources, sources
        assert_nothing_left(proof)

    def test_the_admin_log_keeps_the_staff_action_marked_redacted(self, erased, subject_person):
        from django.contrib.admin.models import LogEntry

        from privacy.privacy import REDACTED

        proof, _ = erased
        line = next(line for line in proof.report if line["model"] == "admin.LogEntry")
        assert line["outcome"] == "anonymised" and line["count"] == 2
        redacted = LogEntry.objects.filter(object_repr=REDACTED, change_message=REDACTED)
        assert redacted.count() == 2  # the fact that staff acted stays, its text does not

    def test_every_registered_category_with_subject_rows_is_in_the_report(self, erased):
        proof, _ = erased
        subject_request = proof.request
        builders = builders_discover()
        expected = {e.model for e in registry.entries() if builders[e.model.lower()].subject_rows}
        assert {line["model"] for line in subject_request.outcome["report"]} == expected

    def test_another_person_is_byte_for_byte_intact(self, erased, other_person):
        _, before = erased
        assert before["ext_acme"] and before["ext_globex"], "the other person must have rows"
        for schema in SCHEMAS:
            assert dump(schema, other_person.needles) == before[schema]
        for name in other_person.extra["files"]:
            assert Path(name).exists()

    def test_erased_user_cannot_log_in_and_sessions_and_files_are_gone(
        self, erased, acme, acme_client, subject_person
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

    def test_erasure_and_objection_suppress_the_address(self, erased, subject_person, staff):
        assert email_is_suppressed(email=subject_person.email.upper(), reasons=["erasure"])
        request_through(
            email="someone@example.org", type=SubjectRequest.Type.OBJECTION_PROSPECTING, actor=staff
        )
        assert email_is_suppressed(email="someone@example.org", reasons=["objection_prospecting"])
        assert not SuppressedEmail.objects.filter(email_hmac__icontains="someone").exists()

    def test_erasure_report_is_sent_to_the_requester(self, erased, subject_person, erasure_mails):
        report_mail = [m for m in erasure_mails if m.to == [subject_person.email]][-1]
        assert "anonymised (your details removed)" in report_mail.body
        assert "kept." in report_mail.body and "How long:" in report_mail.body


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

"""Erasures and exports that are never lost, never doubled, and never ignore a late hold."""

from __future__ import annotations

import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client

from core.models import AuditEvent, OutboxMessage
from core.outbox import outbox_relay
from privacy import services
from privacy.models import RequestEvent, SubjectLegalHold, SubjectRequest
from tests.support.http import PUBLIC_HOST
from tests.support.privacy import person_populate
from tests.support.tenants import in_schema

ERASURE = SubjectRequest.Type.ERASURE
Status = SubjectRequest.Status


def _approved(email: str, actor, type=ERASURE) -> SubjectRequest:
    subject_request = services.request_file_public(type=type, email=email)
    services.request_verify(subject_request=subject_request, actor=actor)
    services.request_approve(subject_request=subject_request, actor=actor)
    return subject_request


def _queued_erasure(email: str, actor) -> SubjectRequest:
    """Executed by staff; its task waits in the outbox (this test's transaction never commits,
    so the relay after commit does not run: the task is 'still in the queue')."""
    subject_request = _approved(email, actor)
    services.request_execute(subject_request=subject_request, actor=actor)
    assert subject_request.status == Status.PROCESSING
    assert OutboxMessage.objects.filter(sent_at__isnull=True, args__0=subject_request.pk).exists()
    return subject_request


def test_a_hold_on_the_person_placed_while_the_erasure_is_queued_blocks_it(
    acme, subject_person, staff
):
    person_populate(subject_person, acme)
    subject_request = _queued_erasure(subject_person.email, staff)
    hold = SubjectLegalHold(email=subject_person.email.upper(), reason="Tax audit 2026")
    services.legal_hold_save(hold=hold, actor=staff)

    assert outbox_relay() >= 1  # the task is delivered (eagerly) and runs now

    subject_request.refresh_from_db()
    assert subject_request.status == Status.APPROVED
    assert "Tax audit 2026" in subject_request.blocked_reason
    assert [e.action for e in subject_request.events.all()][-1] == "blocked"
    with in_schema(acme):
        from accounts.models import User

        assert User.objects.get(pk=subject_person.user.pk).email == subject_person.email
    assert not AuditEvent.objects.filter(action="privacy.erasure_executed").exists()


def test_a_hold_on_the_extranet_set_while_the_erasure_is_queued_blocks_it(
    acme, subject_person, staff
):
    person_populate(subject_person, acme)
    subject_request = _queued_erasure(subject_person.email, staff)
    acme.legal_hold, acme.legal_hold_reason = True, "Labour court case 2026-17"
    acme.save()

    outbox_relay()

    subject_request.refresh_from_db()
    assert subject_request.status == Status.APPROVED
    assert "Labour court case 2026-17" in subject_request.blocked_reason
    with in_schema(acme):
        from surveys.models import SurveyResponse

        assert SurveyResponse.objects.exists(), "the survey answers are still there"


def test_without_a_hold_the_queued_erasure_runs_once_even_if_delivered_twice(
    acme, subject_person, staff
):
    person_populate(subject_person, acme)
    subject_request = _queued_erasure(subject_person.email, staff)
    message = OutboxMessage.objects.get(args__0=subject_request.pk)
    outbox_relay()
    from privacy.tasks import erasure_run

    erasure_run.delay(*message.args)  # a redelivery after a worker crash
    subject_request.refresh_from_db()
    assert subject_request.status == Status.COMPLETED
    executed = AuditEvent.objects.filter(
        action="privacy.erasure_executed", data__request=subject_request.pk
    )
    assert executed.count() == 1  # public; acme's own row is in acme's schema
    with in_schema(acme):
        assert (
            AuditEvent.objects.filter(
                action="privacy.erasure_executed", data__request=subject_request.pk
            ).count()
            == 1
        )


# --- Concurrent clicks, on real separate connections ---------------------------------------


def _in_thread(function, *args):
    """Run on a connection of its own, committed (the test's transaction cannot see it)."""
    box: dict = {}

    def target():
        try:
            box["value"] = function(*args)
        except Exception as exc:  # handed to the test
            box["error"] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=60)
    if "error" in box:
        raise box["error"]
    return box.get("value")


def _cleanup(request_id: int, email: str) -> None:
    from privacy.selectors import email_hmac

    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM privacy_suppressedemail WHERE email_hmac = %s RETURNING id",
            [email_hmac(email=email)],
        )
        suppressed = [str(row[0]) for row in cursor.fetchall()]
        cursor.execute("DELETE FROM privacy_requestevent WHERE request_id = %s", [request_id])
        cursor.execute("DELETE FROM privacy_subjectrequest WHERE id = %s", [request_id])
        cursor.execute(
            "DELETE FROM core_auditevent WHERE (object_type = 'privacy.SubjectRequest' "
            "AND object_id = %s) OR data->>'request' = %s "
            "OR (object_type = 'privacy.SuppressedEmail' AND object_id = ANY(%s))",
            [str(request_id), str(request_id), suppressed],
        )
        cursor.execute("DELETE FROM core_outboxmessage WHERE args->>0 = %s", [str(request_id)])


def _execute_all_at_once(request_id: int, clicks: int) -> list[str]:
    barrier = threading.Barrier(clicks)
    outcomes: list[str] = []

    def click():
        try:
            barrier.wait(timeout=30)
            subject_request = SubjectRequest.objects.get(pk=request_id)
            services.request_execute(subject_request=subject_request, actor="staff:tester")
            outcomes.append("executed")
        except services.RequestStateError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(clicks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


@pytest.mark.django_db
def test_three_concurrent_executes_give_one_erasure_one_audit_row_and_one_email():
    email = "racing.erasure@example.org"
    subject_request = _in_thread(_approved, email, "staff:tester")
    try:
        mail.outbox.clear()
        outcomes = _execute_all_at_once(subject_request.pk, clicks=3)
        events = _in_thread(
            lambda: list(
                RequestEvent.objects.filter(request_id=subject_request.pk).values_list(
                    "action", flat=True
                )
            )
        )
        executed = _in_thread(
            lambda: AuditEvent.objects.filter(
                action="privacy.erasure_executed", data__request=subject_request.pk
            ).count()
        )
        status = _in_thread(lambda: SubjectRequest.objects.get(pk=subject_request.pk).status)
    finally:
        _in_thread(_cleanup, subject_request.pk, email)
    assert sorted(outcomes) == ["executed", "refused", "refused"]
    assert events.count("processing") == 1 and events.count("completed") == 1
    assert executed == 1  # one erasure, one audit row in the one schema it touched
    assert status == Status.COMPLETED
    assert [m.to for m in mail.outbox] == [[email]], "one completion email"


# --- The broker down when staff execute --------------------------------------------------------


def test_with_the_broker_down_execute_says_so_and_the_work_runs_when_it_returns(
    broker_on_own_redis, staff
):
    from perfony.celery import app

    subject_request = _approved("patient.reader@example.org", staff, SubjectRequest.Type.ACCESS)
    broker_on_own_redis.stop()
    client = Client(HTTP_HOST=PUBLIC_HOST)
    client.force_login(staff)
    url = f"/admin/privacy/subjectrequest/{subject_request.pk}/execute/"
    # The test transaction never commits: run the relay that would follow the commit.
    response = client.post(url, follow=True)
    assert response.status_code == 200
    outbox_relay()
    subject_request.refresh_from_db()
    assert subject_request.status == Status.PROCESSING
    message = OutboxMessage.objects.get(args__0=subject_request.pk)
    assert message.sent_at is None and message.attempts == 1 and message.last_error
    page = client.get(f"/admin/privacy/subjectrequest/{subject_request.pk}/change/")
    assert page.status_code == 200

    broker_on_own_redis.start()
    OutboxMessage.objects.filter(pk=message.pk).update(available_at=message.created_at)
    assert outbox_relay() == 1
    message.refresh_from_db()
    assert message.sent_at is not None

    # The message is in the real queue; a worker takes it, as this does.
    with app.connection_for_read() as conn:
        delivered = conn.SimpleQueue("celery").get(timeout=10)
        args, kwargs, _embed = delivered.payload
        headers = delivered.headers
        delivered.ack()
    assert headers["task"] == "privacy.export_build" and args == [
        subject_request.pk,
        "staff:root-staff",
    ]
    app.tasks[headers["task"]].apply(args=args, kwargs=kwargs, headers=headers)
    subject_request.refresh_from_db()
    assert subject_request.status == Status.COMPLETED
    assert subject_request.exports.count() == 1


def test_the_admin_warns_when_the_work_waits_for_the_broker(broker_on_own_redis, staff):
    subject_request = _approved("warned@example.org", staff, SubjectRequest.Type.ACCESS)
    broker_on_own_redis.stop()
    client = Client(HTTP_HOST=PUBLIC_HOST)
    client.force_login(staff)
    url = f"/admin/privacy/subjectrequest/{subject_request.pk}/execute/"
    response = client.post(url, follow=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert "cannot be reached right now" in body


# --- Once is once -----------------------------------------------------------------------------


def test_two_beats_the_same_day_send_one_staff_reminder(staff, mailoutbox):
    from privacy.tasks import reminders_send

    subject_request = _approved("due.soon@example.org", staff)
    SubjectRequest.objects.filter(pk=subject_request.pk).update(due_date="2026-03-02")
    mailoutbox.clear()
    with time_machine.travel("2026-03-01 08:00:00+01:00", tick=False):
        assert reminders_send.delay().get() == 1
        assert reminders_send.delay().get() == 0
    with time_machine.travel("2026-03-02 08:00:00+01:00", tick=False):
        assert reminders_send.delay().get() == 1  # the next day is a new day
    reminders = [m for m in mailoutbox if "due within 7 days" in m.subject]
    assert len(reminders) == 2


def test_a_double_submitted_dpo_request_is_one_request_and_one_email(public_client, mailoutbox):
    data = {"type": "access", "email": "twice@example.org", "details": "All of it"}
    with time_machine.travel("2026-03-01 10:00:00+01:00", tick=False):
        assert public_client.post("/dpo/", data).status_code == 302
        assert (
            public_client.post("/dpo/", {**data, "email": "TWICE@example.org"}).status_code == 302
        )
    assert SubjectRequest.objects.filter(email__iexact="twice@example.org").count() == 1
    assert len([m for m in mailoutbox if m.to[0].lower() == "twice@example.org"]) == 1
    with time_machine.travel("2026-03-01 10:05:00+01:00", tick=False):
        public_client.post("/dpo/", {**data, "type": "erasure"})  # another request
    with time_machine.travel("2026-03-01 10:11:00+01:00", tick=False):
        public_client.post("/dpo/", data)  # ten minutes later: filed again
    assert SubjectRequest.objects.filter(email__iexact="twice@example.org").count() == 3


@pytest.mark.django_db
def test_two_dpo_submits_at_the_same_moment_file_one_request():
    email = "simultaneous@example.org"
    barrier = threading.Barrier(2)
    filed: list[int] = []

    def submit():
        try:
            barrier.wait(timeout=30)
            filed.append(services.request_file_public(type="access", email=email).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        count = _in_thread(lambda: SubjectRequest.objects.filter(email=email).count())
    finally:
        for pk in set(filed):
            _in_thread(_cleanup, pk, email)
    assert len(filed) == 2 and len(set(filed)) == 1 and count == 1

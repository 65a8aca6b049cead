"""Every state has an end: unverified requests expire (and never hold back retention), failed
tasks reach "error" and can be retried, and requesters can cancel what has not started."""

import datetime

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone

from privacy import services
from privacy.models import DataExport, SubjectRequest
from privacy.selectors import email_is_suppressed
from prospects.models import Prospect
from tests.prospects.factories import ProspectFactory
from tests.support.clock import T0
from tests.support.retention import rows_purged, run_at
from tests.support.tenants import in_schema

Status = SubjectRequest.Status
DAY = datetime.timedelta(days=1)


def _filed_at(when, *, email="stranger-target@example.org", type="access"):
    with time_machine.travel(when, tick=False):
        return services.request_file_public(type=type, email=email)


def test_an_unverified_request_expires_after_14_days(db):
    subject_request = _filed_at(T0)
    assert services.requests_expire_unverified(now=T0 + 13 * DAY) == 0
    subject_request.refresh_from_db()
    assert subject_request.status == Status.UNVERIFIED
    with time_machine.travel(T0 + 15 * DAY, tick=False):
        assert services.requests_expire_unverified() == 1
        assert services.requests_expire_unverified() == 0  # idempotent
    subject_request.refresh_from_db()
    assert subject_request.status == Status.EXPIRED and not subject_request.is_open
    assert subject_request.closed_at == T0 + 15 * DAY
    assert "expired" in [e.action for e in subject_request.events.all()]
    assert "privacy.requests_expire" in {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}


def test_a_verified_request_never_expires(db, staff):
    subject_request = _filed_at(T0)
    services.request_verify(subject_request=subject_request, actor=staff)
    assert services.requests_expire_unverified(now=T0 + 60 * DAY) == 0
    subject_request.refresh_from_db()
    assert subject_request.status == Status.VERIFIED


def test_a_strangers_unverified_request_does_not_keep_a_prospect_alive(db):
    prospect = ProspectFactory(email="target@example.org", last_contact_at=T0)
    _filed_at(T0 + relativedelta(years=3) - DAY, email="Target@Example.org")
    run_at(T0 + relativedelta(years=3) + DAY, schemas=["public"], policies=["prospects"])
    assert not Prospect.objects.filter(pk=prospect.pk).exists()


def test_a_confirmed_request_still_keeps_the_prospect(db, staff):
    prospect = ProspectFactory(email="target@example.org", last_contact_at=T0)
    subject_request = _filed_at(T0 + relativedelta(years=3) - DAY, email="target@example.org")
    services.request_verify(subject_request=subject_request, actor=staff)
    run_at(T0 + relativedelta(years=3) + DAY, schemas=["public"], policies=["prospects"])
    assert Prospect.objects.filter(pk=prospect.pk).exists()


def test_expired_requests_are_purged_30_days_after_expiry(db):
    subject_request = _filed_at(T0)
    expired_at = T0 + 15 * DAY
    services.requests_expire_unverified(now=expired_at)
    run = run_at(expired_at + 29 * DAY, schemas=["public"], policies=["subject_requests_expired"])
    assert rows_purged(run, "public", "subject_requests_expired") == 0
    assert SubjectRequest.objects.filter(pk=subject_request.pk).exists()
    run = run_at(expired_at + 31 * DAY, schemas=["public"], policies=["subject_requests_expired"])
    assert rows_purged(run, "public", "subject_requests_expired") == 1
    assert not SubjectRequest.objects.filter(pk=subject_request.pk).exists()


def test_the_five_year_rule_does_not_touch_expired_requests_nor_the_30_day_rule_others(db):
    expired = _filed_at(T0)
    services.requests_expire_unverified(now=T0 + 15 * DAY)
    completed = SubjectRequest.objects.create(
        type="access", email="done@example.org", status=Status.COMPLETED, closed_at=T0
    )
    run_at(T0 + relativedelta(months=3), schemas=["public"], policies=["subject_requests_expired"])
    assert SubjectRequest.objects.filter(pk=completed.pk).exists()
    assert not SubjectRequest.objects.filter(pk=expired.pk).exists()


# --- errors and retry ----------------------------------------------------------------------


def _approved(email, type, staff):
    subject_request = services.request_file_public(type=type, email=email)
    services.request_verify(subject_request=subject_request, actor=staff)
    services.request_approve(subject_request=subject_request, actor=staff)
    return subject_request


def _disk_full(**kwargs):
    raise RuntimeError("disk full")


def test_a_failing_export_reaches_error_and_retry_completes(
    db, staff, monkeypatch, staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    subject_request = _approved("fails@example.org", "access", staff)
    with monkeypatch.context() as patch, django_capture_on_commit_callbacks(execute=True):
        patch.setattr(services.exports, "export_zip_write", _disk_full)
        services.request_execute(subject_request=subject_request, actor=staff)
    subject_request.refresh_from_db()
    assert subject_request.status == Status.ERROR and subject_request.is_open
    assert "RuntimeError: disk full" in subject_request.error_reason
    assert not DataExport.objects.filter(request=subject_request).exists()
    page = staff_client.get(f"/admin/privacy/subjectrequest/{subject_request.pk}/change/")
    html = page.content.decode()
    assert "disk full" in html and f"/{subject_request.pk}/retry/" in html
    # The daily reminder lists it whatever its deadline.
    assert services.reminders_send() == 1
    assert f"#{subject_request.pk}" in mailoutbox[-1].body and "disk full" in mailoutbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/admin/privacy/subjectrequest/{subject_request.pk}/retry/")
    assert response.status_code == 302
    subject_request.refresh_from_db()
    assert subject_request.status == Status.COMPLETED and subject_request.error_reason == ""
    assert DataExport.objects.filter(request=subject_request).count() == 1
    actions = [e.action for e in subject_request.events.all()]
    assert actions[-4:] == ["failed", "retried", "processing", "completed"]


def test_a_failing_erasure_reaches_error_erases_nothing_then_retry_erases(
    db, staff, monkeypatch, django_capture_on_commit_callbacks
):
    from privacy import erasure

    ProspectFactory(email="erase-me@example.org")
    subject_request = _approved("erase-me@example.org", "erasure", staff)
    real = erasure.erasure_execute

    def half_then_crash(*, subject_request, actor_label):
        real(subject_request=subject_request, actor_label=actor_label)
        raise RuntimeError("crashed after erasing")

    with monkeypatch.context() as patch, django_capture_on_commit_callbacks(execute=True):
        patch.setattr(services.erasure, "erasure_execute", half_then_crash)
        services.request_execute(subject_request=subject_request, actor=staff)
    subject_request.refresh_from_db()
    assert subject_request.status == Status.ERROR
    # One transaction: the work before the crash was rolled back, nothing suppressed.
    assert Prospect.objects.filter(email="erase-me@example.org").exists()
    assert not email_is_suppressed(email="erase-me@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.request_retry(subject_request=subject_request, actor=staff)
    subject_request.refresh_from_db()
    assert subject_request.status == Status.COMPLETED
    assert not Prospect.objects.filter(email="erase-me@example.org").exists()
    assert email_is_suppressed(email="erase-me@example.org", reasons=["erasure"])


def test_only_a_failed_request_can_be_retried(db, staff):
    subject_request = _approved("r@example.org", "access", staff)
    with pytest.raises(services.RequestStateError):
        services.request_retry(subject_request=subject_request, actor=staff)


# --- cancel ---------------------------------------------------------------------------------


def _cancel_link(mail) -> str:
    line = next(x for x in mail.body.splitlines() if "/dpo/cancel/" in x)
    return line.split("perfony.localhost", 1)[1].strip()


def test_the_requester_cancels_from_the_emailed_link(public_client, mailoutbox):
    public_client.post("/dpo/", {"type": "erasure", "email": "changed-mind@example.org"})
    subject_request = SubjectRequest.objects.get()
    link = _cancel_link(mailoutbox[0])
    assert public_client.get(link).status_code == 200
    subject_request.refresh_from_db()
    assert subject_request.status == Status.UNVERIFIED, "opening the link cancels nothing"
    assert public_client.post(link).status_code == 200
    subject_request.refresh_from_db()
    assert subject_request.status == Status.CANCELLED and subject_request.closed_at
    assert mailoutbox[-1].to == ["changed-mind@example.org"]
    assert "cancel" in mailoutbox[-1].subject.lower()
    # A second click changes nothing and is no error page.
    assert public_client.post(link).status_code == 200
    assert public_client.post("/dpo/cancel/forged-token/").status_code == 400


def test_a_request_being_carried_out_cannot_be_cancelled(db, staff, public_client, mailoutbox):
    subject_request = _approved("busy@example.org", "access", staff)
    SubjectRequest.objects.filter(pk=subject_request.pk).update(status=Status.PROCESSING)
    link = _cancel_link(mailoutbox[0])
    response = public_client.post(link)
    assert response.status_code == 200
    subject_request.refresh_from_db()
    assert subject_request.status == Status.PROCESSING


def test_the_user_cancels_from_my_data_but_not_someone_elses(acme, acme_member, acme_admin):
    from tests.support.http import host_client, login_as

    member = login_as(host_client("acme.iperfony.localhost"), acme, acme_member)
    member.post("/my-data/", {"type": "erasure"})
    mine = SubjectRequest.objects.get(user_id=acme_member.pk)
    page = member.get("/my-data/").content.decode()
    assert f"/my-data/requests/{mine.pk}/cancel/" in page
    admin = login_as(host_client("acme.iperfony.localhost"), acme, acme_admin)
    assert admin.post(f"/my-data/requests/{mine.pk}/cancel/").status_code == 404
    mine.refresh_from_db()
    assert mine.status == Status.VERIFIED
    assert member.get(f"/my-data/requests/{mine.pk}/cancel/").status_code == 405
    assert member.post(f"/my-data/requests/{mine.pk}/cancel/").status_code == 302
    mine.refresh_from_db()
    assert mine.status == Status.CANCELLED
    with in_schema(acme):
        assert "cancelled" in [e.action for e in mine.events.all()]


def test_cancelled_and_expired_requests_are_closed_for_the_clock(db):
    now = timezone.now()
    for status in (Status.CANCELLED, Status.EXPIRED):
        SubjectRequest.objects.create(
            type="access", email="c@example.org", status=status, due_date=now.date()
        )
    assert services.reminders_send() == 0


def test_a_cancelled_request_cannot_be_confirmed_afterwards(public_client, mailoutbox):
    public_client.post("/dpo/", {"type": "access", "email": "late-click@example.org"})
    verify = next(x for x in mailoutbox[0].body.splitlines() if "/dpo/verify/" in x)
    verify = verify.split("perfony.localhost", 1)[1].strip()
    public_client.post(_cancel_link(mailoutbox[0]))
    response = public_client.post(verify)
    assert response.status_code == 400
    assert SubjectRequest.objects.get().status == Status.CANCELLED


def test_a_database_error_is_retried_and_only_the_last_try_records_the_error(
    db, staff, monkeypatch
):
    from django.db import OperationalError

    from privacy import tasks

    subject_request = _approved("db-down@example.org", "access", staff)
    SubjectRequest.objects.filter(pk=subject_request.pk).update(status=Status.PROCESSING)

    def db_down(**kwargs):
        raise OperationalError("server closed the connection")

    monkeypatch.setattr(services.exports, "export_zip_write", db_down)
    # Called directly, Celery re-raises instead of scheduling the retry; what matters is
    # whether the request records the error: not while retries are left, at the last one.
    for retries, expected in (
        (0, Status.PROCESSING),
        (tasks.export_build.max_retries, Status.ERROR),
    ):
        tasks.export_build.push_request(retries=retries)
        try:
            with pytest.raises(OperationalError):
                tasks.export_build(subject_request.pk, "staff:test")
        finally:
            tasks.export_build.pop_request()
        subject_request.refresh_from_db()
        assert subject_request.status == expected
    assert "OperationalError" in subject_request.error_reason

"""Celery's delivery settings are chosen, not defaults, and fit together."""

from django.conf import settings

from perfony.celery import app


def test_a_killed_worker_s_task_is_redelivered():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


def test_the_visibility_timeout_outlasts_the_longest_task_and_retry():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert app.conf.broker_transport_options["visibility_timeout"] == visibility
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit < visibility
    assert app.Task.retry_backoff_max < visibility


def test_database_errors_are_retried_with_backoff():
    from django.db import InterfaceError, OperationalError

    from privacy.tasks import erasure_run

    assert {OperationalError, InterfaceError} <= set(erasure_run.autoretry_for)
    assert erasure_run.retry_backoff and erasure_run.max_retries >= 3


def test_beat_relays_the_outbox_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["core-outbox-relay"]
    assert entry == {"task": "core.outbox_relay", "schedule": 60}


def test_healthz_reports_every_dependency(public_client):
    response = public_client.get("/healthz")
    checks = response.json()["checks"]
    assert {"database", "redis", "celery_queue", "outbox", "retention"} <= set(checks)
    assert response.status_code == 200, checks


def test_healthz_says_503_when_a_task_waits_in_the_outbox_too_long(public_client):
    import datetime

    import time_machine

    from core.outbox import outbox_enqueue

    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)):
        outbox_enqueue(task_name="privacy.reminders_send", countdown=1)
    response = public_client.get("/healthz")
    assert response.status_code == 503
    assert "not queued" in response.json()["checks"]["outbox"]


# --- Time limits and email retries (issue 17) -------------------------------------------------
LONG_TASKS = {"retention.purge_chunk", "privacy.export_build", "privacy.erasure_run"}
EMAIL_TASKS = {
    "legal.tasks.policy_change_notify_tenant",
    "surveys.invitation_emails_send",
    "prospects.tasks.newsletter_issue_send",
    "privacy.reminders_send",
}


def _our_tasks() -> dict:
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}


def test_every_task_is_stopped_softly_then_hard_before_redelivery():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    tasks = _our_tasks()
    assert set(tasks) >= LONG_TASKS | EMAIL_TASKS
    for name, task in tasks.items():
        assert task.soft_time_limit and task.time_limit, name
        assert task.soft_time_limit < task.time_limit < visibility, name


def test_only_the_long_tasks_get_more_than_the_global_limits():
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT <= 10 * 60
    longer = {
        name
        for name, task in _our_tasks().items()
        if task.time_limit > settings.CELERY_TASK_TIME_LIMIT
        or task.soft_time_limit > settings.CELERY_TASK_SOFT_TIME_LIMIT
    }
    assert longer == LONG_TASKS


def test_email_tasks_retry_a_mail_server_outage_with_exponential_backoff_and_jitter():
    import smtplib

    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    for name in EMAIL_TASKS:
        task = app.tasks[name]
        retried = tuple(task.autoretry_for)
        assert issubclass(smtplib.SMTPServerDisconnected, retried), name
        assert issubclass(ConnectionRefusedError, retried), name
        # A refused address fails the same way every time: no retry.
        assert not issubclass(smtplib.SMTPRecipientsRefused, retried), name
        assert task.retry_backoff and task.retry_jitter, name
        assert 3 <= task.max_retries <= 10, name
        assert task.retry_backoff_max < visibility, name


def test_tasks_whose_resend_is_not_proven_safe_do_not_retry_mail_errors():
    import smtplib

    for name, task in _our_tasks().items():
        if name not in EMAIL_TASKS:
            assert not issubclass(smtplib.SMTPServerDisconnected, tuple(task.autoretry_for)), name


def test_a_retention_run_is_stale_only_once_no_task_can_still_work_on_it():
    from retention.services import stale_after

    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    longest = max(task.time_limit for task in _our_tasks().values())
    assert stale_after().total_seconds() >= longest + visibility

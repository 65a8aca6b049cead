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

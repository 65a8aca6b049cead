"""The nightly dispatch, the run log, the health check, the admin page and the schedule."""

from datetime import timedelta

import time_machine
from celery.schedules import crontab
from django.conf import settings
from django.contrib.sessions.models import Session

from accounts.models import User
from retention.models import RetentionRun, RetentionSchemaRun
from retention.services import retention_run_dispatch
from tests.support.clock import T0
from tests.support.retention import events_at, session_expiring
from tests.support.tenants import in_schema


def test_beat_runs_the_dispatcher_at_three_in_paris():
    entry = settings.CELERY_BEAT_SCHEDULE["retention-purge"]
    assert entry["task"] == "retention.dispatch"
    assert entry["schedule"] == crontab(hour=3, minute=0)
    assert settings.CELERY_TIMEZONE == "Europe/Paris"


def test_dispatch_queues_one_pass_per_schema_each_in_its_schema(
    acme, globex, django_capture_on_commit_callbacks
):
    for extranet in (acme, globex):
        with in_schema(extranet):
            session_expiring(T0, f"old-{extranet.slug}")
    with (
        time_machine.travel(T0 + timedelta(days=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        run = retention_run_dispatch()
    run.refresh_from_db()
    passes = dict(run.schema_runs.values_list("schema_name", "status"))
    assert passes == {"ext_acme": "ok", "ext_globex": "ok", "public": "ok"}
    assert run.status == "ok" and run.finished_at is not None
    assert run.policy_runs.filter(schema_name="ext_globex", policy_key="sessions").get().rows == 1
    for extranet in (acme, globex):
        with in_schema(extranet):
            assert not Session.objects.filter(session_key=f"old-{extranet.slug}").exists()


def test_a_run_left_unfinished_by_a_killed_worker_is_marked_interrupted(acme):
    stale = RetentionRun.objects.create(trigger="beat", started_at=T0)
    RetentionSchemaRun.objects.create(run=stale, schema_name="ext_acme", status="running")
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        retention_run_dispatch()
    stale.refresh_from_db()
    assert stale.status == "interrupted"
    assert stale.schema_runs.get().status == "interrupted"


def _successful_run(finished):
    return RetentionRun.objects.create(
        trigger="beat", status="ok", started_at=finished, finished_at=finished
    )


def test_healthz_reports_a_problem_after_26_hours(public_client):
    _successful_run(T0)
    with time_machine.travel(T0 + timedelta(hours=25), tick=False):
        assert public_client.get("/healthz").json()["checks"]["retention"] == "ok"
    with time_machine.travel(T0 + timedelta(hours=27), tick=False):
        response = public_client.get("/healthz")
    assert response.status_code == 503
    assert "27 h" in response.json()["checks"]["retention"]


def _staff_client(public_client):
    staff = User.objects.create_superuser("retention-staff", "rs@perfony.com", "pw-x-123456")
    public_client.force_login(staff)
    return public_client


def test_the_admin_shows_a_banner_when_the_purge_is_late(public_client):
    _successful_run(T0)
    with time_machine.travel(T0 + timedelta(hours=2), tick=False):
        client = _staff_client(public_client)
        assert "Retention: the last" not in client.get("/admin/").content.decode()
    with time_machine.travel(T0 + timedelta(hours=30), tick=False):
        client.force_login(User.objects.get(username="retention-staff"))  # sessions end at 12 h
        page = client.get("/admin/").content.decode()
    assert "Retention: the last successful purge finished" in page


def test_the_run_log_page_shows_the_30_day_forecast(acme, public_client):
    with in_schema(acme):
        events_at(T0, count=2)
    with time_machine.travel(T0.replace(year=2031) - timedelta(days=10), tick=False):
        page = _staff_client(public_client).get("/admin/retention/retentionrun/")
    assert page.status_code == 200
    forecast = {row.key: row for row in page.context["forecast"]}
    assert forecast["audit_trail"].due_now == 0
    assert forecast["audit_trail"].due_in_window >= 2
    assert "Forecast" in page.content.decode()

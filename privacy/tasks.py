"""Celery tasks: ids in, services do the work. Queued from public, so they run in public and
fan out to extranet schemas themselves (tenant_context per schema)."""

import logging

from django.db import InterfaceError, OperationalError
from django.utils import timezone

from perfony.celery import EMAIL_TASK_OPTIONS, app
from privacy import services

logger = logging.getLogger("perfony.tasks")
# An export or an erasure visits every schema the subject was in, files included: longer than
# the global limits (perfony/settings/base.py). The soft limit raises inside the work, which
# _or_error records on the request for staff to retry.
LONG_TASK_LIMITS = {"soft_time_limit": 15 * 60, "time_limit": 20 * 60}
# Left to the task's own retries (a database restarting); anything else is a failure of the
# work, recorded on the request for staff to see and retry.
TRANSIENT = (OperationalError, InterfaceError)


def _or_error(task, request_id: int, work):
    try:
        return work()
    except TRANSIENT as error:
        if task.request.retries >= task.max_retries:  # the last try: no retry will follow
            services.request_fail(request_id=request_id, reason=f"{type(error).__name__}: {error}")
        raise
    except Exception as error:
        logger.exception("privacy task failed for request #%s", request_id)
        services.request_fail(request_id=request_id, reason=f"{type(error).__name__}: {error}")
        return None


@app.task(name="privacy.export_build", bind=True, **LONG_TASK_LIMITS)
def export_build(self, request_id: int, actor_label: str) -> int | None:
    export = _or_error(
        self,
        request_id,
        lambda: services.export_build(request_id=request_id, actor_label=actor_label),
    )
    return export.pk if export else None


@app.task(name="privacy.erasure_run", bind=True, **LONG_TASK_LIMITS)
def erasure_run(self, request_id: int, actor_label: str) -> int:
    report = _or_error(
        self,
        request_id,
        lambda: services.erasure_run(request_id=request_id, actor_label=actor_label),
    )
    return len(report or [])


@app.task(name="privacy.requests_expire")
def requests_expire() -> int:
    return services.requests_expire_unverified()


# Retried on a mail server outage: the one email and the daily key commit together, so a
# failed send leaves the key free for the retry, and a sent one claims it.
@app.task(name="privacy.reminders_send", **EMAIL_TASK_OPTIONS)
def reminders_send() -> int:
    # A daily key: a second beat (or a redelivery) the same day sends no second reminder.
    return services.reminders_send(once_key=f"privacy.reminders_send:{timezone.localdate()}")


@app.task(name="privacy.exports_purge_expired")
def exports_purge_expired() -> int:
    return services.exports_purge_expired()

"""Celery tasks: ids in, services do the work. Queued from public, so they run in public and
fan out to extranet schemas themselves (tenant_context per schema)."""

from django.utils import timezone

from perfony.celery import app
from privacy import services


@app.task(name="privacy.export_build")
def export_build(request_id: int, actor_label: str) -> int | None:
    export = services.export_build(request_id=request_id, actor_label=actor_label)
    return export.pk if export else None


@app.task(name="privacy.erasure_run")
def erasure_run(request_id: int, actor_label: str) -> int:
    return len(services.erasure_run(request_id=request_id, actor_label=actor_label))


@app.task(name="privacy.reminders_send")
def reminders_send() -> int:
    # A daily key: a second beat (or a redelivery) the same day sends no second reminder.
    return services.reminders_send(once_key=f"privacy.reminders_send:{timezone.localdate()}")


@app.task(name="privacy.exports_purge_expired")
def exports_purge_expired() -> int:
    return services.exports_purge_expired()

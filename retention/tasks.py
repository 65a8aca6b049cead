"""Celery tasks of the retention engine. Thin: they call services."""

from django.utils import timezone

from perfony.celery import app
from retention import services


@app.task(name="retention.dispatch")
def retention_dispatch() -> int | None:
    """Nightly, from beat, in the public schema: queue the schemas in chunks. A daily key: a
    second beat (or a redelivery) the same day starts no second run."""
    run = services.retention_run_dispatch(once_key=f"retention.dispatch:{timezone.localdate()}")
    return run.pk if run else None


# A chunk is up to CHUNK_SIZE schemas, each purged batch after batch: the one task allowed the
# full 30 minutes the visibility timeout is sized for (perfony/settings/base.py).
@app.task(
    name=services.PURGE_CHUNK_TASK,
    acks_late=True,
    soft_time_limit=services.PURGE_CHUNK_SOFT_TIME_LIMIT,
    time_limit=services.PURGE_CHUNK_TIME_LIMIT,
)
def retention_purge_chunk(run_id: int, schemas: list[str], attempt: int = 1) -> list[str]:
    """A chunk of schemas, in public; the service switches to each schema itself."""
    return services.retention_chunk_purge(run_id=run_id, schemas=schemas, attempt=attempt)

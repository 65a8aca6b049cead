"""Celery tasks of the retention engine. Thin: they call services."""

from perfony.celery import app
from retention import services


@app.task(name="retention.dispatch")
def retention_dispatch() -> int:
    """Nightly, from beat, in the public schema: queue one pass per schema."""
    return services.retention_run_dispatch().pk


@app.task(name="retention.purge_schema", acks_late=True)
def retention_purge_schema(run_id: int) -> str:
    """One pass in the schema this task was queued in (tenant-schemas-celery switches to it)."""
    return services.schema_purge(run_id=run_id).status

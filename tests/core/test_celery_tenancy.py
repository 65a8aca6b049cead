"""A task queued inside an extranet runs in that extranet's schema, on a real worker."""

import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from celery.fixups.django import DjangoWorkerFixup
from django.core.cache import cache
from django.db import connection

from perfony.celery import app as celery_app
from tests.conftest import in_schema


@celery_app.task(name="tests.record_schema")
def record_schema(token: str) -> str:
    # The cache key is prefixed with the schema by django-tenants' make_key, and the value is the
    # schema the task saw: both must name the extranet that queued the task.
    cache.set(f"probe:{token}", connection.schema_name, timeout=60)
    return connection.schema_name


def test_task_queued_in_acme_runs_in_acme_eagerly(acme):
    with in_schema(acme):
        result = record_schema.delay("eager")
    assert result.get() == "ext_acme"


@pytest.fixture
def real_worker(db, monkeypatch):
    # Celery's Django fixup closes the DB connections when a worker starts; in-process that
    # would close the test's own connection and its transaction.
    monkeypatch.setattr(DjangoWorkerFixup, "on_worker_process_init", lambda *a, **k: None)
    monkeypatch.setattr(DjangoWorkerFixup, "_close_database", lambda *a, **k: None)
    celery_app.conf.task_always_eager = False
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        celery_app.conf.task_always_eager = True


@pytest.mark.usefixtures("real_worker")
def test_task_queued_in_acme_runs_in_acme_on_a_real_worker(acme, globex):
    token = uuid.uuid4().hex
    with in_schema(acme):
        record_schema.apply_async(args=[token])
    assert connection.schema_name == "public"
    with in_schema(acme):
        for _ in range(100):
            seen = cache.get(f"probe:{token}")
            if seen:
                break
            time.sleep(0.05)
        assert seen == "ext_acme"
    with in_schema(globex):
        assert cache.get(f"probe:{token}") is None

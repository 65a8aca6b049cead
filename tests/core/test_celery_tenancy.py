"""A task queued inside an extranet runs in that extranet's schema, on a real worker."""

import logging
import threading
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from celery.fixups.django import DjangoWorkerFixup
from celery.signals import task_postrun
from django.core.cache import cache
from django.db import connection

from perfony.celery import app as celery_app
from tests.support.tenants import in_schema


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
    # The worker sees the stop request when its wait on the queue (BRPOP) returns: one second by
    # default; a shorter wait lets the test end without waiting out that second.
    transport_options = celery_app.conf.broker_transport_options
    celery_app.conf.broker_transport_options = {**transport_options, "polling_interval": 0.1}
    celery_app.conf.task_always_eager = False
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        celery_app.conf.task_always_eager = True
        celery_app.conf.broker_transport_options = transport_options


@pytest.fixture
def task_finished():
    """`task_finished(token).wait(...)`: true once a worker has finished the task whose args are
    [token] (Celery's task_postrun signal, sent by the in-process worker's thread)."""
    events: dict[str, threading.Event] = {}

    def on_postrun(args=None, **kwargs):
        if args and args[0] in events:
            events[args[0]].set()

    task_postrun.connect(on_postrun, weak=False)
    try:
        yield lambda token: events.setdefault(token, threading.Event())
    finally:
        task_postrun.disconnect(on_postrun)


@pytest.mark.usefixtures("real_worker")
def test_task_queued_in_acme_runs_in_acme_on_a_real_worker(acme, globex, task_finished):
    token = uuid.uuid4().hex
    finished = task_finished(token)
    with in_schema(acme):
        record_schema.apply_async(args=[token])
    assert connection.schema_name == "public"
    assert finished.wait(60), "no worker ran the task"  # a bound on a loaded machine, not a timing
    with in_schema(acme):
        assert cache.get(f"probe:{token}") == "ext_acme"
    with in_schema(globex):
        assert cache.get(f"probe:{token}") is None


# --- Tenant tasks fail closed (issue 18) ------------------------------------------------------


def _probe(token: str, schema: str) -> str | None:
    with in_schema(schema):
        return cache.get(f"probe:{token}")


def test_a_task_carries_its_extranet_id_and_runs_while_that_extranet_owns_the_schema(acme):
    from core.models import OutboxMessage
    from core.outbox import outbox_enqueue, outbox_relay

    token = uuid.uuid4().hex
    with in_schema(acme):
        message = outbox_enqueue(task_name=record_schema.name, args=[token])
    message = OutboxMessage.objects.get(pk=message.pk)
    assert (message.schema_name, message.extranet_id) == ("ext_acme", acme.pk)
    outbox_relay(ids=[message.pk])
    assert _probe(token, "ext_acme") == "ext_acme"


def test_a_task_for_a_dropped_extranet_is_discarded_not_run_in_public(acme, caplog):
    caplog.set_level(logging.WARNING, logger="perfony.tasks")  # a real worker may have raised it
    token = uuid.uuid4().hex
    headers = {"_schema_name": "ext_dropped", "_extranet_id": 424242}
    result = record_schema.apply(args=[token], headers=headers)
    assert result.get() is None
    assert _probe(token, "public") is None
    assert connection.schema_name == "public"
    assert "discarded" in caplog.text and "ext_dropped" in caplog.text


def test_a_task_without_its_extranet_id_is_discarded(acme):
    token = uuid.uuid4().hex
    result = record_schema.apply(args=[token], headers={"_schema_name": "ext_acme"})
    assert result.get() is None
    assert _probe(token, "ext_acme") is None


def test_an_old_task_never_reaches_the_new_owner_of_a_reused_slug(db, caplog):
    from core.models import OutboxMessage
    from core.outbox import outbox_enqueue, outbox_relay
    from tenants.models import Extranet
    from tenants.services import extranet_create

    caplog.set_level(logging.WARNING, logger="perfony.tasks")
    first = extranet_create(slug="phoenix", company_name="Phoenix 1", admin_email="a@p.example")
    token = uuid.uuid4().hex
    with in_schema(first.extranet):
        message = outbox_enqueue(task_name=record_schema.name, args=[token])
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # deferred FK checks would block DROP
    first.extranet.delete(force_drop=True)
    second = extranet_create(slug="phoenix", company_name="Phoenix 2", admin_email="b@p.example")
    assert second.extranet.schema_name == first.extranet.schema_name
    assert second.extranet.pk != OutboxMessage.objects.get(pk=message.pk).extranet_id

    outbox_relay(ids=[message.pk])

    assert _probe(token, second.extranet.schema_name) is None
    assert _probe(token, "public") is None
    assert "no longer owns schema" in caplog.text
    assert Extranet.objects.filter(slug="phoenix").count() == 1

"""Data set up once for several tests, as Django's TestCase.setUpTestData does; work run on a
connection of its own."""

import threading
from contextlib import contextmanager

from django.db import connection, connections
from django.test import TestCase


@contextmanager
def shared_transaction(django_db_blocker):
    """A transaction around a group of tests, rolled back after the last one.

    Use it in a class- or module-scoped fixture: what the fixture writes inside it is seen by
    every test of the group, and each test's own `db` transaction becomes a savepoint inside it,
    so what one test writes is still rolled back before the next. The blocks are opened as
    TestCase opens its own (so a `durable=True` block inside them behaves as in any test).
    """
    with django_db_blocker.unblock():
        atomics = TestCase._enter_atomics()
        try:
            yield
        finally:
            TestCase._rollback_atomics(atomics)
            connection.set_schema_to_public()


def in_own_connection(work):
    """Run `work` in a thread, whose connection is its own, in autocommit: what it writes is
    committed, outside this test's transaction. Its exception is raised here."""
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = work()
        except BaseException as exc:  # re-raised in the test's thread
            outcome["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]

"""The purge leaves its trail: an audit event per batch it deleted, committed with the batch."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress, EmailConfirmation
from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, connection
from django.utils import timezone

from core.models import AuditEvent
from privacy.models import SubjectRequest
from retention.policies import TENANT, Action, Policy, field_is
from retention.services import policy_execute
from tests.factories import UserFactory
from tests.support.clock import T0
from tests.support.retention import rows_purged, run_at, session_expiring
from tests.support.tenants import in_schema

DAY = timedelta(days=1)


def _last_event_id() -> int:
    """Schemas outlive a test (some tests commit): count only the events written after this."""
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    return last or 0


def _batch_events(after: int):
    events = AuditEvent.objects.filter(action="retention.batch_purged", id__gt=after)
    return events.order_by("id")


def test_each_batch_leaves_one_audit_event_with_its_count(acme, small_batches):
    public_before = _last_event_id()
    with in_schema(acme):
        before = _last_event_id()
        for n in range(5):
            session_expiring(T0, f"old-{n}")
        session_expiring(T0 + 10 * DAY, "fresh")
    run = run_at(T0 + DAY, schemas=["ext_acme"], policies=["sessions"])
    assert rows_purged(run, "ext_acme", "sessions") == 5
    with in_schema(acme):
        events = list(_batch_events(before))
        assert [event.data["rows"] for event in events] == [2, 2, 1]  # batches of two
        assert {(e.actor_label, e.object_type, e.data["policy"]) for e in events} == {
            ("system:retention", "sessions.Session", "sessions")
        }
        assert all(event.at == T0 + DAY for event in events)  # the run's time
    with in_schema("public"):
        assert not _batch_events(public_before).exists()  # in the schema purged only


def test_a_whole_delete_in_one_statement_leaves_one_event_with_the_rows_it_deleted(
    acme, small_batches
):
    # At most a batch expired: the pass deletes them in its one statement (retention/batch.py).
    with in_schema(acme):
        before = _last_event_id()
        session_expiring(T0, "old-a")
        session_expiring(T0, "old-b")
        session_expiring(T0 + 10 * DAY, "fresh")
    first = run_at(T0 + DAY, schemas=["ext_acme"], policies=["sessions"])
    with in_schema(acme):
        session_expiring(T0, "old-c")  # in the same test transaction: counted apart
    second = run_at(T0 + DAY, schemas=["ext_acme"], policies=["sessions"])
    assert rows_purged(first, "ext_acme", "sessions") == 2
    assert rows_purged(second, "ext_acme", "sessions") == 1
    with in_schema(acme):
        events = list(_batch_events(before))
        assert [(e.data["policy"], e.data["rows"]) for e in events] == [
            ("sessions", 2),
            ("sessions", 1),
        ]
        assert {(e.actor_label, e.object_type) for e in events} == {
            ("system:retention", "sessions.Session")
        }


def test_a_pass_with_nothing_expired_writes_no_audit_event(acme):
    with in_schema(acme):
        before = _last_event_id()
        session_expiring(T0 + 10 * DAY, "fresh")
    run = run_at(T0 + DAY, schemas=["ext_acme"], policies=["sessions"])
    assert run.status == "ok" and rows_purged(run, "ext_acme", "sessions") == 0
    with in_schema(acme):
        assert not _batch_events(before).exists()


def test_a_batch_that_fails_leaves_no_audit_event(acme):
    """Written by the batch's own statement: rolled back with the delete, never without it."""
    with in_schema(acme):
        before = _last_event_id()
        user = UserFactory()
        address = EmailAddress.objects.create(user=user, email="u@x.example")
        EmailConfirmation.objects.create(email_address=address, key="k")
    # The confirmation that points at the address is not declared: the delete breaks its key.
    policy = Policy(
        key="undeclared_child",
        label="x",
        anchor="x",
        covers="account.EmailAddress",
        scope=TENANT,
        action=Action.DELETE,
        period=None,
        where=(field_is("user", user.pk),),
    )
    with in_schema(acme):
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # fail at the statement, as at commit
        with pytest.raises(IntegrityError):
            policy_execute(policy=policy, now=timezone.now())
        assert EmailAddress.objects.filter(pk=address.pk).exists()
        assert not _batch_events(before).exists()


def test_requests_leave_their_proof_per_row_and_no_batch_event(db):
    before = _last_event_id()
    request = SubjectRequest.objects.create(
        type="access",
        email="asker@example.com",
        status="completed",
        received_at=T0 - 20 * DAY,
        closed_at=T0,
    )
    run = run_at(
        T0 + relativedelta(years=5) + DAY, schemas=["public"], policies=["subject_requests"]
    )
    assert rows_purged(run, "public", "subject_requests") == 1
    assert AuditEvent.objects.filter(action="retention.purged", object_id=str(request.pk)).exists()
    assert not _batch_events(before).exists()

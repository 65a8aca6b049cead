"""The audit contract: a typed actor with one label, a closed list of actions, and no row
written outside the transaction of the write it describes."""

import pytest
from django.db import transaction

from accounts.models import User
from core.audit import Actor, ActorKind, AuditAction
from core.models import AuditEvent
from core.services import AuditOutsideTransaction, audit_log
from tests.factories import UserFactory
from tests.support.tenants import in_schema


@pytest.mark.parametrize(
    ("actor", "label"),
    [
        (Actor(kind=ActorKind.STAFF, name="alice", user_id=7), "staff:alice"),
        (Actor(kind=ActorKind.USER, name="bob", user_id=3), "user:bob"),
        (Actor.requester(), "requester"),
        (Actor.requester("public form"), "requester:public form"),
        (Actor.system(), "system"),
        (Actor.system("retention"), "system:retention"),
    ],
)
def test_an_actor_round_trips_through_its_label(actor, label):
    assert actor.label == label
    back = Actor.from_label(label)
    assert (back.kind, back.name, back.user_id) == (actor.kind, actor.name, None)


@pytest.mark.parametrize("label", ["alice", "", "admin:bob", "Staff:alice", "public form"])
def test_a_string_that_is_not_a_label_is_refused(label):
    with pytest.raises(ValueError, match="not an actor label"):
        Actor.from_label(label)


def test_an_actor_is_one_line_and_of_a_known_kind():
    with pytest.raises(ValueError, match="one line"):
        Actor.system("evil\nstaff:root")
    with pytest.raises(TypeError):
        Actor(kind="staff", name="alice")


def test_users_become_staff_or_extranet_actors(acme):
    staff = User.objects.create_user("ops", "ops@perfony.com", "pw", is_staff=True)
    assert Actor.of(staff) == Actor(kind=ActorKind.STAFF, name="ops", user_id=staff.pk)
    with in_schema(acme):
        member = UserFactory(username="carol")
    assert Actor.of(member) == Actor(kind=ActorKind.USER, name="carol", user_id=member.pk)
    assert Actor.of(None) == Actor.system()
    assert Actor.of("staff:dpo") == Actor(kind=ActorKind.STAFF, name="dpo")
    assert Actor.of(Actor.requester()) is not None and Actor.of(Actor.requester()).label == (
        "requester"
    )


def test_a_row_records_the_actor_label_id_and_the_action_string(db):
    staff = User.objects.create_user("ops", "ops@perfony.com", "pw", is_staff=True)
    with transaction.atomic():
        event = audit_log(
            actor=Actor.staff(staff), action=AuditAction.PROSPECT_UPDATED, data={"fields": ["x"]}
        )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor_id, stored.actor_label) == (staff.pk, "staff:ops")
    assert stored.action == "prospects.prospect_updated" and type(stored.action) is str


def test_audit_log_refuses_outside_a_transaction_of_the_callers_own(db):
    # The test's own transaction (pytest-django's) does not count: production has none.
    before = AuditEvent.objects.count()
    with pytest.raises(AuditOutsideTransaction):
        audit_log(actor=Actor.system(), action=AuditAction.EXPORT_EXPIRED)
    assert AuditEvent.objects.count() == before


def test_a_durable_entry_point_runs_under_test_and_audits(db):
    # Django lets a durable block open right under a test's own atomic blocks, so entry points
    # marked durable run in tests as in production, and still refuse to be nested.
    with transaction.atomic(durable=True):
        event = audit_log(actor=Actor.system("t"), action=AuditAction.EXPORT_EXPIRED)
        with pytest.raises(RuntimeError, match="durable"), transaction.atomic(durable=True):
            pass
    assert AuditEvent.objects.get(pk=event.pk).actor_label == "system:t"


def test_free_strings_are_refused_for_actor_and_action(db):
    with transaction.atomic():
        with pytest.raises(TypeError, match="Actor"):
            audit_log(actor="staff:alice", action=AuditAction.EXPORT_EXPIRED)
        with pytest.raises(TypeError, match="AuditAction"):
            audit_log(actor=Actor.system(), action="privacy.export_expired")


def test_action_values_are_unique_and_named_app_dot_action():
    values = [a.value for a in AuditAction]
    assert len(values) == len(set(values))
    assert all(v.count(".") == 1 and v == v.lower() and " " not in v for v in values)

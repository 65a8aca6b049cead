"""Ending a staff member's sessions: superusers only, audited in the same transaction."""

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied

from accounts.selectors import session_keys_for_user
from accounts.services import staff_sessions_end
from core.models import AuditEvent
from tests.accounts.staff import staff_ip_client
from tests.factories import UserFactory


@pytest.fixture
def colleague(db):
    return UserFactory(username="cleo", email="cleo@perfony.com", is_staff=True)


def _sessions_of(user, count):
    clients = [staff_ip_client(f"192.0.2.{40 + n}") for n in range(count)]
    for client in clients:
        client.force_login(user)
    return clients


def test_a_superuser_ends_every_session_of_a_colleague(staff_member, colleague):
    laptop, phone = _sessions_of(colleague, 2)
    _sessions_of(staff_member, 1)
    ended = staff_sessions_end(actor=staff_member, user=colleague)
    assert ended == 2
    assert session_keys_for_user(user_id=colleague.pk) == []
    assert len(session_keys_for_user(user_id=staff_member.pk)) == 1  # others' sessions stay
    assert "_auth_user_id" not in laptop.session and "_auth_user_id" not in phone.session
    event = AuditEvent.objects.get(action="staff.sessions_ended")
    assert (event.actor_id, event.object_id, event.data) == (
        staff_member.pk,
        str(colleague.pk),
        {"count": 2},
    )


def test_a_staff_member_who_is_not_a_superuser_cannot(staff_member, colleague):
    _sessions_of(staff_member, 1)
    with pytest.raises(PermissionDenied):
        staff_sessions_end(actor=colleague, user=staff_member)
    assert len(session_keys_for_user(user_id=staff_member.pk)) == 1
    assert not AuditEvent.objects.filter(action="staff.sessions_ended").exists()


def test_the_actors_current_session_can_be_kept(staff_member):
    current, other = _sessions_of(staff_member, 2)
    keep = current.session.session_key
    assert staff_sessions_end(actor=staff_member, user=staff_member, keep_session_key=keep) == 1
    assert Session.objects.filter(session_key=keep).exists()
    assert "_auth_user_id" not in other.session

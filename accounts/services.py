from __future__ import annotations

import time

from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction

from accounts.models import User
from accounts.selectors import session_keys_for_user
from core.services import audit_log

# Unix times kept in a staff member's (server-side) session; see accounts/middleware.py.
AUTHENTICATED_AT = "staff_authenticated_at"
SEEN_AT = "staff_seen_at"


def staff_session_start(*, session: SessionBase) -> None:
    """A login on the public host starts the idle and absolute clocks of its session."""
    if connection.schema_name != "public":
        return
    now = time.time()
    session[AUTHENTICATED_AT] = now
    session[SEEN_AT] = now


def staff_sessions_end(*, actor: User, user: User, keep_session_key: str | None = None) -> int:
    """End every session of a staff member (say, a lost laptop); only a superuser may.

    keep_session_key spares the actor's own current session when they select themselves.
    """
    if connection.schema_name != "public":
        raise PermissionDenied("Staff sessions live in the public schema.")
    if not (actor.is_active and actor.is_superuser):
        raise PermissionDenied("Only a superuser can end another staff member's sessions.")
    with transaction.atomic():
        keys = set(session_keys_for_user(user_id=user.pk)) - {keep_session_key}
        ended, _per_model = Session.objects.filter(session_key__in=keys).delete()
        audit_log(actor=actor, action="staff.sessions_ended", obj=user, data={"count": ended})
    return ended

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.utils import timezone


def session_keys_for_user(*, user_id: int) -> list[str]:
    """Keys of the live sessions of one user of the current schema.

    A session's user id is inside its encoded data, so sessions are matched by decoding them.
    """
    wanted = str(user_id)
    live = Session.objects.filter(expire_date__gt=timezone.now())
    return [
        session.session_key
        for session in live.iterator(chunk_size=500)
        if session.get_decoded().get("_auth_user_id") == wanted
    ]

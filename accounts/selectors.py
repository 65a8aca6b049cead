"""Reads about accounts: live sessions, and whether the owner of an address proved it."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.models import User


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


def email_is_verified(*, user: User) -> bool:
    """True only when the user's current address was proved by its owner (a link sent to it).

    Read in the user's own schema. A missing row counts as unverified.
    """
    if not user.email:
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def email_address_in_use(*, email: str, exclude_user: User | None = None) -> bool:
    """Whether another account of this schema holds the address, as its login or as a row."""
    users = User.objects.filter(email__iexact=email)
    addresses = EmailAddress.objects.filter(email__iexact=email)
    if exclude_user is not None:
        users = users.exclude(pk=exclude_user.pk)
        addresses = addresses.exclude(user=exclude_user)
    return users.exists() or addresses.exists()

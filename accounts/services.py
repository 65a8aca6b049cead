"""Writes about accounts: ending staff sessions, and addresses (`user.email` and its allauth
row always change together)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django_tenants.utils import get_public_schema_name

from accounts.models import User
from accounts.selectors import session_keys_for_user
from core.audit import Actor, AuditAction
from core.services import audit_log


def staff_sessions_end(*, actor: User, user: User, keep_session_key: str | None = None) -> int:
    """End every session of a staff member (say, a lost laptop); only a superuser may.

    keep_session_key spares the actor's own current session when they select themselves.
    """
    if connection.schema_name != get_public_schema_name():
        raise PermissionDenied("Staff sessions live in the public schema.")
    if not (actor.is_active and actor.is_superuser):
        raise PermissionDenied("Only a superuser can end another staff member's sessions.")
    with transaction.atomic():
        keys = set(session_keys_for_user(user_id=user.pk)) - {keep_session_key}
        ended, _per_model = Session.objects.filter(session_key__in=keys).delete()
        audit_log(
            actor=Actor.staff(actor),
            action=AuditAction.STAFF_SESSIONS_ENDED,
            obj=user,
            data={"count": ended},
        )
    return ended


def email_address_record(*, user: User, verified: bool, actor=None) -> EmailAddress:
    """Make the user's only address row match `user.email`, verified or not.

    `verified=True` only when the owner has just proved the address (a link sent to it);
    otherwise an existing proof of that same address is kept, never invented.
    """
    with transaction.atomic():
        EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).delete()
        address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
        if address is None:
            address = EmailAddress(user=user, email=user.email.lower())
        was_verified = address.verified
        address.primary = True
        address.verified = verified or was_verified
        address.save()
        if address.verified and not was_verified:
            audit_log(
                actor=Actor.of(actor or user), action=AuditAction.ACCOUNT_EMAIL_VERIFIED, obj=user
            )
    return address


def email_address_prove(*, user: User) -> None:
    """The owner followed a one-time link sent to `user.email` (password setup or reset)."""
    if user.email:
        email_address_record(user=user, verified=True)

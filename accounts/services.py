"""Writes about accounts' addresses. `user.email` and its allauth row always change together."""

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import User
from core.services import audit_log


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
            audit_log(actor=actor or user, action="account.email_verified", obj=user, data={})
    return address


def email_address_prove(*, user: User) -> None:
    """The owner followed a one-time link sent to `user.email` (password setup or reset)."""
    if user.email:
        email_address_record(user=user, verified=True)

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from accounts.models import User
from accounts.selectors import email_address_in_use
from core.tokens import SignedToken
from extranet.models import CompanyProfile, Invitation

EMAIL_CHANGE_SALT = "extranet.email_change"
EMAIL_CHANGE_MAX_AGE = 3 * 24 * 3600
# Signed, then encrypted: whoever reads the mail (a mistyped address) learns nothing of the
# account (its old address, id or extranet).
EMAIL_CHANGE = SignedToken(salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE, sealed=True)


def email_is_taken(*, email: str, exclude_user: User | None = None) -> bool:
    return email_address_in_use(email=email, exclude_user=exclude_user)


def username_is_taken(*, username: str) -> bool:
    return User.objects.filter(username__iexact=username).exists()


def member_list() -> list[User]:
    """Every member, sorted by name in Python: names are encrypted, so SQL cannot sort them."""
    members = list(User.objects.exclude(username__startswith=User.ERASED_PREFIX))
    return sorted(members, key=lambda u: (not u.is_active, str(u).casefold()))


def admin_count() -> int:
    return User.objects.filter(is_active=True, is_extranet_admin=True).count()


def admin_sole() -> User | None:
    """The only active admin, when there is exactly one (their role cannot be removed)."""
    admins = list(User.objects.filter(is_active=True, is_extranet_admin=True)[:2])
    return admins[0] if len(admins) == 1 else None


def member_is_last_admin(*, member: User) -> bool:
    """Removing this member's admin role would leave no active admin."""
    return member.is_extranet_admin and member.is_active and admin_count() <= 1


def company_profile_get() -> CompanyProfile:
    profile = CompanyProfile.objects.order_by("pk").first()
    return profile or CompanyProfile()


def invitation_pending_list() -> QuerySet[Invitation]:
    return Invitation.objects.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


def token_hash(token: str) -> str:
    """What is stored of a one-time token (here, not in services: selectors never import them)."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_token(*, token: str) -> Invitation | None:
    """A usable invitation: unknown, used and expired tokens all give None."""
    return invitation_pending_list().filter(token_hash=token_hash(token)).first()


def avatar_belongs_here(*, user: User) -> bool:
    """Defence in depth: a file outside this schema's folder is never served from here."""
    return (user.avatar.name or "").startswith(f"tenants/{connection.schema_name}/avatars/")


@dataclass(frozen=True)
class EmailChange:
    """What a confirmation link asks for, once checked against this extranet and account."""

    user: User
    old_email: str
    new_email: str

    @property
    def is_verification(self) -> bool:
        """The same address: the owner proves the address they have, nothing moves."""
        return self.old_email == self.new_email


_INVALID_LINK = _lazy("This confirmation link is invalid or has expired.")
_USED_LINK = _lazy("This confirmation link is invalid or has already been used.")


def email_change_read(*, user: User, token: str, schema_name: str) -> EmailChange:
    """Check a link without using it (the confirm page shows the old and the new address)."""
    payload = EMAIL_CHANGE.read(token=token)
    if not isinstance(payload, dict) or not all(
        isinstance(payload.get(k), str) for k in ("s", "o", "e", "n")
    ):
        raise ValidationError(_INVALID_LINK, code="invalid")
    if (
        payload["s"] != schema_name
        or payload.get("u") != user.pk
        or payload["o"] != user.email.lower()
        or not user.email_change_nonce_hash
        or not secrets.compare_digest(token_hash(payload["n"]), user.email_change_nonce_hash)
    ):
        raise ValidationError(_USED_LINK, code="used")
    return EmailChange(user, payload["o"], payload["e"])

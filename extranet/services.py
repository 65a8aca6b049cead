from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts import selectors as account_selectors
from accounts import services as account_services
from accounts.models import User
from core import crypto
from core.services import audit_log
from core.text import email_subject
from extranet import selectors
from extranet.avatars import avatar_reencode
from extranet.models import Invitation
from tenants.models import Extranet
from tenants.routing import extranet_routing_forget
from tenants.selectors import extranet_url

PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "postal_address",
    "position",
    "function",
    "sector",
)
EMAIL_CHANGE_SALT = "extranet.email_change"
EMAIL_CHANGE_MAX_AGE = 3 * 24 * 3600
INVITATION_VALIDITY = timedelta(days=7)


def profile_update(*, user: User, data: dict, actor: User | str | None = None) -> list[str]:
    """Save the profile fields that changed; the audit trail gets their names, not values.

    `actor` is the user themselves unless given (staff rectifying on a request: a label)."""
    changed = [name for name in PROFILE_FIELDS if getattr(user, name) != data[name]]
    if not changed:
        return []
    for name in changed:
        setattr(user, name, data[name])
    with transaction.atomic():
        user.save(update_fields=changed)
        audit_log(actor=actor or user, action="profile.updated", obj=user, data={"fields": changed})
    return changed


def avatar_set(*, user: User, upload) -> None:
    content = avatar_reencode(upload)
    assert content.name  # avatar_reencode names the file
    old = user.avatar.name
    with transaction.atomic():
        user.avatar.save(content.name, content, save=False)
        user.save(update_fields=["avatar"])
        audit_log(actor=user, action="profile.avatar_set", obj=user, data={"fields": ["avatar"]})
    if old:
        transaction.on_commit(lambda: user.avatar.storage.delete(old))


def avatar_remove(*, user: User) -> None:
    old = user.avatar.name
    if not old:
        return
    with transaction.atomic():
        user.avatar = ""
        user.save(update_fields=["avatar"])
        audit_log(
            actor=user, action="profile.avatar_removed", obj=user, data={"fields": ["avatar"]}
        )
    transaction.on_commit(lambda: user.avatar.storage.delete(old))


def avatar_belongs_here(*, user: User) -> bool:
    """Defence in depth: a file outside this schema's folder is never served from here."""
    return (user.avatar.name or "").startswith(f"tenants/{connection.schema_name}/avatars/")


# --- Email change ------------------------------------------------------------------------
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


def email_change_request(*, user: User, new_email: str, extranet: Extranet) -> None:
    """Email a one-time link to the new address. It names this extranet, this user, the
    current address and a fresh nonce (only its hash is stored), so a newer request, a change,
    another extranet or a second click all make it fail."""
    nonce = secrets.token_urlsafe(18)
    payload = {
        "s": extranet.schema_name,
        "u": user.pk,
        "o": user.email.lower(),
        "e": new_email.strip().lower(),
        "n": nonce,
    }
    # Signed, then encrypted: whoever reads the mail (a mistyped address) learns nothing of the
    # account (its old address, id or extranet).
    token = crypto.encrypt(signing.dumps(payload, salt=EMAIL_CHANGE_SALT))
    url = extranet_url(
        extranet=extranet, path=reverse("extranet:email_confirm", kwargs={"token": token})
    )
    body = render_to_string(
        "extranet/email/email_change.txt", {"user": user, "url": url, "extranet": extranet}
    )
    with transaction.atomic():
        user.email_change_nonce_hash = token_hash(nonce)
        user.save(update_fields=["email_change_nonce_hash"])
        audit_log(actor=user, action="profile.email_change_requested", obj=user)
    subject = email_subject(_("Confirm your new email address"))
    recipient = payload["e"]
    transaction.on_commit(lambda: send_mail(subject, body, None, [recipient]))


_INVALID_LINK = _lazy("This confirmation link is invalid or has expired.")
_USED_LINK = _lazy("This confirmation link is invalid or has already been used.")


def email_change_read(*, user: User, token: str, schema_name: str) -> EmailChange:
    """Check a link without using it (the confirm page shows the old and the new address)."""
    try:
        signed = crypto.decrypt(token, label="an email-change link")
        payload = signing.loads(signed, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except (crypto.FieldDecryptionError, signing.BadSignature, UnicodeError):
        raise ValidationError(_INVALID_LINK, code="invalid") from None
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


def email_change_confirm(*, user: User, token: str, extranet: Extranet) -> EmailChange:
    """Apply a confirmed change, once: the account row is locked and the nonce cleared.

    The link went to the new address, so following it proves it: the address is verified.
    """
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        change = email_change_read(user=locked, token=token, schema_name=extranet.schema_name)
        if account_selectors.email_address_in_use(email=change.new_email, exclude_user=locked):
            raise ValidationError(
                _("Another member of this extranet already uses this address."), code="taken"
            )
        locked.email_change_nonce_hash = ""
        if change.is_verification:
            locked.save(update_fields=["email_change_nonce_hash"])
            account_services.email_address_record(user=locked, verified=True)
            return EmailChange(locked, change.old_email, change.new_email)
        locked.email = change.new_email
        try:
            with transaction.atomic():
                locked.save(update_fields=["email", "email_change_nonce_hash"])
                account_services.email_address_record(user=locked, verified=True)
        except IntegrityError:
            # Another account took the address between the check and the save.
            raise ValidationError(
                _("Another member of this extranet already uses this address."), code="taken"
            ) from None
        audit_log(
            actor=locked, action="profile.email_changed", obj=locked, data={"fields": ["email"]}
        )
        _email_changed_notify(
            old_email=change.old_email, new_email=change.new_email, extranet=extranet
        )
    return EmailChange(locked, change.old_email, change.new_email)


def _email_changed_notify(*, old_email: str, new_email: str, extranet: Extranet) -> None:
    """Tell the old address, so a hijacked session cannot move an account away silently."""
    body = render_to_string(
        "extranet/email/email_changed_notice.txt", {"new_email": new_email, "extranet": extranet}
    )
    subject = email_subject(_("Your email address was changed"))
    transaction.on_commit(lambda: send_mail(subject, body, None, [old_email]))


# --- Company -----------------------------------------------------------------------------
def company_update(*, actor: User, extranet: Extranet, data: dict) -> None:
    """Address and sector live in this schema. The name is the one value stored on the public
    Extranet row, because the header, emails and back office all show it: one source of truth."""
    profile = selectors.company_profile_get()
    with transaction.atomic():
        profile.postal_address = data["postal_address"]
        profile.sector = data["sector"]
        profile.country = data.get("country") or profile.country
        profile.save()
        if extranet.name != data["name"]:
            Extranet.objects.filter(pk=extranet.pk).update(name=data["name"])
            extranet_routing_forget(extranet_id=extranet.pk)  # the cached host routing
            extranet.name = data["name"]
        audit_log(
            actor=actor,
            action="company.updated",
            obj=profile,
            data={"fields": ["name", "postal_address", "sector", "country"]},
        )


# --- Invitations -------------------------------------------------------------------------
token_hash = selectors.token_hash  # one definition, in selectors (import-linter layers)


def invitation_create(*, email: str, invited_by: User, extranet: Extranet) -> str:
    """Invite an address; returns the one-time link (also emailed). Older pending links die."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        selectors.invitation_pending_list().filter(email__iexact=email).update(expires_at=now)
        invitation = Invitation.objects.create(
            email=email,
            token_hash=token_hash(token),
            invited_by=invited_by,
            expires_at=now + INVITATION_VALIDITY,
        )
        audit_log(actor=invited_by, action="member.invited", obj=invitation)
    url = extranet_url(
        extranet=extranet, path=reverse("extranet:invitation_accept", kwargs={"token": token})
    )
    body = render_to_string(
        "extranet/email/invitation.txt",
        {"url": url, "extranet": extranet, "inviter": invited_by, "days": INVITATION_VALIDITY.days},
    )
    subject = email_subject(_("You are invited to the %(name)s extranet") % {"name": extranet.name})
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return url


def invitation_accept(*, invitation: Invitation, username: str, password: str) -> User:
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is not None or locked.expires_at <= timezone.now():
            raise ValidationError(_("This invitation is no longer valid."))
        if selectors.email_is_taken(email=locked.email):
            raise ValidationError(_("This invitation is no longer valid."))
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    username=username, email=locked.email, password=password
                )
        except IntegrityError:
            # Someone took the name between the form's check and this save (two people
            # accepting at once): the same clear error as the form's, and the link stays usable.
            raise ValidationError(
                {"username": _("A user with that username already exists.")}
            ) from None
        # The one-time link went to this address: accepting it proves the address.
        account_services.email_address_record(user=user, verified=True)
        locked.accepted_at = timezone.now()
        locked.accepted_user = user
        locked.save(update_fields=["accepted_at", "accepted_user"])
        audit_log(actor=user, action="member.joined", obj=user)
    return user


def invitation_revoke(*, actor: User, invitation: Invitation) -> None:
    """A pending link stops working at once; the row stays as the record of what was sent."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is not None:
            raise ValidationError(_("This invitation is already accepted."))
        locked.expires_at = min(locked.expires_at, timezone.now())
        locked.save(update_fields=["expires_at"])
        audit_log(actor=actor, action="member.invitation_revoked", obj=locked)


# --- Members -----------------------------------------------------------------------------
def member_set_active(*, actor: User, member: User, active: bool) -> None:
    """Deactivation blocks login and ends sessions at the next request; the data stays."""
    if member.pk == actor.pk:
        raise PermissionDenied(_("You cannot deactivate your own account."))
    with transaction.atomic():
        member.is_active = active
        member.save(update_fields=["is_active"])
        audit_log(
            actor=actor, action="member.activated" if active else "member.deactivated", obj=member
        )


def member_set_admin(*, actor: User, member: User, is_admin: bool) -> None:
    with transaction.atomic():
        # Lock the admins so two concurrent demotions cannot leave the extranet without one.
        list(User.objects.select_for_update().filter(is_extranet_admin=True))
        if not is_admin and selectors.member_is_last_admin(member=member):
            raise PermissionDenied(_("The extranet needs at least one active admin."))
        member.is_extranet_admin = is_admin
        member.save(update_fields=["is_extranet_admin"])
        audit_log(
            actor=actor,
            action="member.admin_granted" if is_admin else "member.admin_removed",
            obj=member,
            data={"fields": ["is_extranet_admin"]},
        )

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import selectors as account_selectors
from accounts import services as account_services
from accounts.models import User
from core.audit import Actor, AuditAction
from core.services import audit_log
from core.text import email_subject
from extranet import selectors
from extranet.avatars import avatar_reencode
from extranet.models import Invitation
from extranet.selectors import (
    EMAIL_CHANGE,
    EmailChange,
    email_change_read,
    token_hash,
)
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
        audit_log(
            actor=Actor.of(actor or Actor.user(user)),
            action=AuditAction.PROFILE_UPDATED,
            obj=user,
            data={"fields": changed},
        )
    return changed


def avatar_set(*, user: User, upload) -> None:
    content = avatar_reencode(upload)
    assert content.name  # avatar_reencode names the file
    old = user.avatar.name
    with transaction.atomic():
        user.avatar.save(content.name, content, save=False)
        user.save(update_fields=["avatar"])
        audit_log(
            actor=Actor.user(user),
            action=AuditAction.PROFILE_AVATAR_SET,
            obj=user,
            data={"fields": ["avatar"]},
        )
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
            actor=Actor.user(user),
            action=AuditAction.PROFILE_AVATAR_REMOVED,
            obj=user,
            data={"fields": ["avatar"]},
        )
    transaction.on_commit(lambda: user.avatar.storage.delete(old))


# --- Email change ------------------------------------------------------------------------
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
    token = EMAIL_CHANGE.make(value=payload)
    url = extranet_url(
        extranet=extranet, path=reverse("extranet:email_confirm", kwargs={"token": token})
    )
    body = render_to_string(
        "extranet/email/email_change.txt", {"user": user, "url": url, "extranet": extranet}
    )
    with transaction.atomic():
        user.email_change_nonce_hash = token_hash(nonce)
        user.save(update_fields=["email_change_nonce_hash"])
        audit_log(
            actor=Actor.user(user), action=AuditAction.PROFILE_EMAIL_CHANGE_REQUESTED, obj=user
        )
    subject = email_subject(_("Confirm your new email address"))
    recipient = payload["e"]
    transaction.on_commit(lambda: send_mail(subject, body, None, [recipient]))


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
            actor=Actor.user(locked),
            action=AuditAction.PROFILE_EMAIL_CHANGED,
            obj=locked,
            data={"fields": ["email"]},
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
            actor=Actor.user(actor),
            action=AuditAction.COMPANY_UPDATED,
            obj=profile,
            data={"fields": ["name", "postal_address", "sector", "country"]},
        )


# --- Invitations -------------------------------------------------------------------------
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
        audit_log(actor=Actor.user(invited_by), action=AuditAction.MEMBER_INVITED, obj=invitation)
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
        audit_log(actor=Actor.user(user), action=AuditAction.MEMBER_JOINED, obj=user)
    return user


def invitation_revoke(*, actor: User, invitation: Invitation) -> None:
    """A pending link stops working at once; the row stays as the record of what was sent."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is not None:
            raise ValidationError(_("This invitation is already accepted."))
        locked.expires_at = min(locked.expires_at, timezone.now())
        locked.save(update_fields=["expires_at"])
        audit_log(actor=Actor.user(actor), action=AuditAction.MEMBER_INVITATION_REVOKED, obj=locked)


# --- Members -----------------------------------------------------------------------------
def member_set_active(*, actor: User, member: User, active: bool) -> None:
    """Deactivation blocks login and ends sessions at the next request; the data stays."""
    if member.pk == actor.pk:
        raise PermissionDenied(_("You cannot deactivate your own account."))
    with transaction.atomic():
        member.is_active = active
        member.save(update_fields=["is_active"])
        audit_log(
            actor=Actor.user(actor),
            action=AuditAction.MEMBER_ACTIVATED if active else AuditAction.MEMBER_DEACTIVATED,
            obj=member,
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
            actor=Actor.user(actor),
            action=AuditAction.MEMBER_ADMIN_GRANTED
            if is_admin
            else AuditAction.MEMBER_ADMIN_REMOVED,
            obj=member,
            data={"fields": ["is_extranet_admin"]},
        )

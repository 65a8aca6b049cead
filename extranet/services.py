from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from allauth.account import signals as allauth_signals
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import connection, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.services import audit_log
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


def profile_update(*, user: User, data: dict) -> list[str]:
    """Save the profile fields that changed; the audit trail gets their names, not values."""
    changed = [name for name in PROFILE_FIELDS if getattr(user, name) != data[name]]
    if not changed:
        return []
    for name in changed:
        setattr(user, name, data[name])
    with transaction.atomic():
        user.save(update_fields=changed)
        audit_log(actor=user, action="profile.updated", obj=user, data={"fields": changed})
    return changed


def avatar_set(*, user: User, upload) -> None:
    content = avatar_reencode(upload)
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
    return bool(user.avatar.name) and user.avatar.name.startswith(
        f"tenants/{connection.schema_name}/avatars/"
    )


# --- Email change ------------------------------------------------------------------------
def email_change_request(*, user: User, new_email: str, extranet: Extranet) -> None:
    token = signing.dumps(
        {"u": user.pk, "e": new_email, "o": user.email.lower()}, salt=EMAIL_CHANGE_SALT
    )
    url = extranet_url(
        extranet=extranet, path=reverse("extranet:email_confirm", kwargs={"token": token})
    )
    body = render_to_string(
        "extranet/email/email_change.txt", {"user": user, "url": url, "extranet": extranet}
    )
    audit_log(actor=user, action="profile.email_change_requested", obj=user)
    transaction.on_commit(
        lambda: send_mail(_("Confirm your new email address"), body, None, [new_email])
    )


def email_change_confirm(*, user: User, token: str, request: HttpRequest) -> str:
    """Apply a confirmed change. The token names the old address, so it works only once."""
    try:
        payload = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.BadSignature:
        raise ValidationError(_("This confirmation link is invalid or has expired.")) from None
    if payload.get("u") != user.pk or payload.get("o") != user.email.lower():
        raise ValidationError(_("This confirmation link is invalid or has already been used."))
    new_email = payload["e"]
    if selectors.email_is_taken(email=new_email, exclude_user=user):
        raise ValidationError(_("Another member of this extranet already uses this address."))
    with transaction.atomic():
        old_address = EmailAddress.objects.filter(user=user, primary=True).first()
        EmailAddress.objects.filter(user=user).delete()
        user.email = new_email
        user.save(update_fields=["email"])
        new_address = EmailAddress.objects.create(
            user=user, email=new_email, primary=True, verified=True
        )
        audit_log(actor=user, action="profile.email_changed", obj=user, data={"fields": ["email"]})
        allauth_signals.email_changed.send(
            sender=get_user_model(),
            request=request,
            user=user,
            from_email_address=old_address,
            to_email_address=new_address,
        )
    _email_changed_notify(old_email=payload["o"], new_email=new_email, extranet=request.tenant)
    return new_email


def _email_changed_notify(*, old_email: str, new_email: str, extranet: Extranet) -> None:
    """Tell the old address, so a hijacked session cannot move an account away silently."""
    body = render_to_string(
        "extranet/email/email_changed_notice.txt", {"new_email": new_email, "extranet": extranet}
    )
    subject = _("Your email address was changed")
    transaction.on_commit(lambda: send_mail(subject, body, None, [old_email]))


# --- Company -----------------------------------------------------------------------------
def company_update(*, actor: User, extranet: Extranet, data: dict) -> None:
    """Address and sector live in this schema. The name is the one value stored on the public
    Extranet row, because the header, emails and back office all show it: one source of truth."""
    profile = selectors.company_profile_get()
    with transaction.atomic():
        profile.postal_address = data["postal_address"]
        profile.sector = data["sector"]
        profile.save()
        if extranet.name != data["name"]:
            Extranet.objects.filter(pk=extranet.pk).update(name=data["name"])
            extranet_routing_forget(extranet_id=extranet.pk)  # the cached host routing
            extranet.name = data["name"]
        audit_log(
            actor=actor,
            action="company.updated",
            obj=profile,
            data={"fields": ["name", "postal_address", "sector"]},
        )


# --- Invitations -------------------------------------------------------------------------
def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


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
    subject = _("You are invited to the %(name)s extranet") % {"name": extranet.name}
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return url


def invitation_accept(*, invitation: Invitation, username: str, password: str) -> User:
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is not None or locked.expires_at <= timezone.now():
            raise ValidationError(_("This invitation is no longer valid."))
        if selectors.email_is_taken(email=locked.email):
            raise ValidationError(_("This invitation is no longer valid."))
        user = User.objects.create_user(username=username, email=locked.email, password=password)
        EmailAddress.objects.create(user=user, email=locked.email, primary=True, verified=True)
        locked.accepted_at = timezone.now()
        locked.accepted_user = user
        locked.save(update_fields=["accepted_at", "accepted_user"])
        audit_log(actor=user, action="member.joined", obj=user)
    return user


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
        if not is_admin and member.is_extranet_admin and selectors.admin_count() <= 1:
            raise PermissionDenied(_("The extranet needs at least one active admin."))
        member.is_extranet_admin = is_admin
        member.save(update_fields=["is_extranet_admin"])
        audit_log(
            actor=actor,
            action="member.admin_granted" if is_admin else "member.admin_removed",
            obj=member,
            data={"fields": ["is_extranet_admin"]},
        )

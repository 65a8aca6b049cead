"""Provisioning of extranets. The command and the back-office form both call extranet_create."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from datetime import date

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.management import call_command
from django.core.validators import validate_email
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tenants.utils import (
    get_public_schema_name,
    schema_context,
    schema_exists,
    tenant_context,
)

from accounts.models import User
from accounts.services import email_address_record
from accounts.usernames import username_normalise, username_validate
from core.audit import Actor, AuditAction
from core.services import audit_log
from core.text import email_subject, single_line
from tenants.models import Domain, Extranet
from tenants.selectors import extranet_host, extranet_url
from tenants.validators import schema_name_for, validate_slug

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProvisionedExtranet:
    extranet: Extranet
    admin: User
    setup_url: str
    duration_ms: int


def public_tenant_ensure() -> Extranet:
    """The row django-tenants needs for the public schema, bound to PUBLIC_HOST."""
    public, _created = Extranet.objects.get_or_create(
        schema_name=get_public_schema_name(), defaults={"name": "Perfony", "slug": "public"}
    )
    Domain.objects.update_or_create(
        domain=settings.PUBLIC_HOST, defaults={"tenant": public, "is_primary": True}
    )
    return public


def _template_is_current(schema: str) -> bool:
    with schema_context(schema):
        executor = MigrationExecutor(connection)
        targets = executor.loader.graph.leaf_nodes()
        return not executor.migration_plan(targets)


def template_schema_ensure() -> str:
    """Create or migrate the schema that new extranets are cloned from. Cheap when current."""
    schema = settings.TENANT_BASE_SCHEMA
    if not schema_exists(schema):
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{schema}"')
    if not _template_is_current(schema):
        call_command("migrate_schemas", schema_name=schema, interactive=False, verbosity=0)
    connection.set_schema_to_public()
    return schema


def extranet_validate(*, slug: str, company_name: str, admin_email: str) -> None:
    errors: dict[str, list] = {}
    try:
        validate_slug(slug)
    except ValidationError as exc:
        errors["slug"] = exc.error_list
    else:
        if (
            Extranet.objects.filter(slug=slug).exists()
            or Domain.objects.filter(domain=extranet_host(slug=slug)).exists()
        ):
            errors["slug"] = [ValidationError(_("An extranet with this slug already exists."))]
    if not company_name.strip():
        errors["company_name"] = [ValidationError(_("The company name is required."))]
    try:
        validate_email(admin_email)
    except ValidationError:
        errors["admin_email"] = [ValidationError(_("Enter a valid email address."))]
    if errors:
        raise ValidationError(errors)


def _admin_username(email: str) -> str:
    """From the address's local part, keeping only what a username may hold ("admin" if none).

    The email validator's case-insensitive match lets U+017F (long s) through: normalise
    first, then keep ASCII, so the result always passes username_validate.
    """
    local = re.sub(r"[^a-z0-9._+-]", "", username_normalise(email.split("@", 1)[0]))[:150]
    return local or "admin"


def _admin_username_checked(username: str) -> str:
    username = username_normalise(username)
    try:
        username_validate(username)
    except ValidationError as exc:
        raise ValidationError({"admin_username": exc.error_list}) from exc
    return username


def password_setup_url(*, extranet: Extranet, user: User) -> str:
    """A one-time link: the token dies as soon as the password is set (it hashes the password)."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
        urlconf=settings.ROOT_URLCONF,  # the extranet's URLs, even when called from the back office
    )
    return extranet_url(extranet=extranet, path=path)


def extranet_create(
    *,
    slug: str,
    company_name: str,
    admin_email: str,
    contract_start: date | None = None,
    actor=None,
    admin_username: str | None = None,
    notify: bool = True,
) -> ProvisionedExtranet:
    """Create the schema (cloned from the template), its domain and its first admin user."""
    slug = slug.strip()
    company_name = single_line(company_name)  # it goes into mail subjects
    admin_email = admin_email.strip().lower()
    extranet_validate(slug=slug, company_name=company_name, admin_email=admin_email)
    username = _admin_username_checked(admin_username or _admin_username(admin_email))
    template_schema_ensure()
    started = time.monotonic()
    with transaction.atomic():
        extranet = Extranet(
            schema_name=schema_name_for(slug),
            slug=slug,
            name=company_name,
            contract_start=contract_start or timezone.localdate(),
        )
        extranet.save(verbosity=0)
        Domain.objects.create(domain=extranet_host(slug=slug), tenant=extranet, is_primary=True)
        with tenant_context(extranet):
            admin = User.objects.create_user(
                username=username,
                email=admin_email,
                password=None,
                is_extranet_admin=True,
            )
            # Typed by Perfony staff, so not proved: verified once its owner follows the
            # emailed password-setup link (accounts/receivers.py).
            email_address_record(user=admin, verified=False)
            audit_log(actor=Actor.of(actor), action=AuditAction.EXTRANET_ADMIN_CREATED, obj=admin)
            setup_url = password_setup_url(extranet=extranet, user=admin)
        duration_ms = int((time.monotonic() - started) * 1000)
        extranet.provisioning_ms = duration_ms
        extranet.save(update_fields=["provisioning_ms"])
        audit_log(
            actor=Actor.of(actor),
            action=AuditAction.EXTRANET_CREATED,
            obj=extranet,
            data={"ms": duration_ms},
        )
    logger.info("extranet %s provisioned in %d ms", slug, duration_ms)
    if notify:
        transaction.on_commit(
            lambda: _send_setup_email(extranet=extranet, admin=admin, setup_url=setup_url)
        )
    return ProvisionedExtranet(extranet, admin, setup_url, duration_ms)


def _send_setup_email(*, extranet: Extranet, admin: User, setup_url: str) -> None:
    context = {"extranet": extranet, "user": admin, "setup_url": setup_url}
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            subject=email_subject(
                _("Your Perfony extranet %(name)s is ready") % {"name": extranet.name}
            ),
            message=render_to_string("tenants/email/setup_password.txt", context),
            from_email=None,
            recipient_list=[admin.email],
        )


# --- The controls that gate an extranet's erasure and drop --------------------------------
EXTRANET_EDITABLE = ("name", "contract_start", "contract_end", "legal_hold", "legal_hold_reason")
_HOLD_FIELDS = ("legal_hold", "legal_hold_reason")
_CONTRACT_FIELDS = ("contract_start", "contract_end")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


@transaction.atomic
def extranet_update(*, extranet: Extranet, actor: Actor, data: dict) -> list[str]:
    """Change an extranet's name, contract dates or legal hold; return the fields changed.

    The legal hold and the contract end decide whether erasure and the schema drop may go
    on, so each change of them leaves its own audit row. The row lock orders this with a drop,
    which re-reads them under the same lock.
    """
    unknown = set(data) - set(EXTRANET_EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    locked = Extranet.objects.select_for_update().get(pk=extranet.pk)
    old = {field: getattr(locked, field) for field in EXTRANET_EDITABLE}
    changed = [f for f in EXTRANET_EDITABLE if f in data and data[f] != old[f]]
    if not changed:
        return []
    for field in changed:
        setattr(locked, field, data[field])
        setattr(extranet, field, data[field])
    locked.save(update_fields=[*changed, "updated_at"])
    extranet.updated_at = locked.updated_at
    if hold := [f for f in changed if f in _HOLD_FIELDS]:
        audit_log(
            actor=actor,
            action=AuditAction.EXTRANET_LEGAL_HOLD_SET
            if locked.legal_hold
            else AuditAction.EXTRANET_LEGAL_HOLD_RELEASED,
            obj=locked,
            data={"fields": hold, "legal_hold": locked.legal_hold},
        )
    if contract := [f for f in changed if f in _CONTRACT_FIELDS]:
        audit_log(
            actor=actor,
            action=AuditAction.EXTRANET_CONTRACT_CHANGED,
            obj=locked,
            data={
                "fields": contract,
                # Dates of a company's contract, not personal data: the trail can show them.
                "from": {f: _iso(old[f]) for f in contract},
                "to": {f: _iso(getattr(locked, f)) for f in contract},
            },
        )
    if "name" in changed:
        audit_log(
            actor=actor, action=AuditAction.EXTRANET_UPDATED, obj=locked, data={"fields": ["name"]}
        )
    return changed

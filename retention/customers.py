"""The customers policy: warn staff, then drop an extranet 3 years after its contract ended.

Order of a drop, chosen so that an interruption at any point is finished by the next run:
1. in one transaction: the archive row, an audit event, DROP SCHEMA and the extranet's rows
   (its domains go with it);
2. then its files (MEDIA_ROOT/tenants/<schema>, where its members' avatars are stored)
   and the `extranet_purged` signal (stored exports), then `files_removed_at`. An archive row
   with no `files_removed_at` is picked up again by the next run.

An extranet is never dropped without 7 days' notice: if the last warning went out late (the
engine was down), the drop waits until 7 days after it.
"""

from __future__ import annotations

import logging
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name

from core.audit import Actor, AuditAction
from core.services import audit_log
from core.text import email_subject
from retention.models import ArchivedExtranet, DropWarning
from retention.policies import Policy
from retention.selectors import extranets_due
from retention.signals import extranet_purged
from tenants.models import Extranet
from tenants.selectors import public_url

logger = logging.getLogger(__name__)

WARNING_DAYS = (60, 7)
FINAL_NOTICE_DAYS = min(WARNING_DAYS)


def extranet_media_dir(*, schema_name: str) -> Path:
    # The folder accounts.models.avatar_upload_to files an extranet's uploads under.
    root = (Path(settings.MEDIA_ROOT) / "tenants").resolve()
    path = (root / schema_name).resolve()
    if schema_name in ("", get_public_schema_name()) or path.parent != root:
        raise ValueError(f"refusing to touch media path for schema {schema_name!r}")
    return path


def _warning_send(*, extranet: Extranet, days: int, when: date, now: datetime) -> bool:
    recipient = settings.STAFF_NOTIFICATION_EMAIL
    try:
        with transaction.atomic():
            DropWarning.objects.create(
                extranet_id=extranet.pk,
                extranet_name=extranet.name,
                days_before=days,
                drop_date=when,
                sent_at=now,
                recipient=recipient,
            )
            context = {
                "extranet": extranet,
                "days": days,
                "drop_date": when,
                "admin_url": public_url(path=f"/admin/tenants/extranet/{extranet.pk}/change/"),
            }
            with translation.override(settings.LANGUAGE_CODE):
                send_mail(
                    subject=email_subject(
                        _("Extranet %(name)s will be deleted on %(date)s")
                        % {"name": extranet.name, "date": when.isoformat()}
                    ),
                    message=render_to_string("retention/email/drop_warning.txt", context),
                    from_email=None,
                    recipient_list=[recipient],
                )
    except IntegrityError:
        return False  # another run recorded this warning first
    return True


def drop_warnings_send(*, policy: Policy, now: datetime) -> int:
    """The most urgent warning due for each extranet, once. Returns how many were sent."""
    today = timezone.localdate(now)
    horizon = today + timedelta(days=max(WARNING_DAYS))
    sent = 0
    for extranet, when in extranets_due(policy=policy, today=horizon):
        due = [d for d in WARNING_DAYS if today >= when - timedelta(days=d)]
        days = min(due)
        if DropWarning.objects.filter(extranet_id=extranet.pk, days_before=days).exists():
            continue
        sent += _warning_send(extranet=extranet, days=days, when=when, now=now)
    return sent


def _final_notice_given(*, extranet: Extranet, today: date) -> bool:
    warning = DropWarning.objects.filter(
        extranet_id=extranet.pk, days_before=FINAL_NOTICE_DAYS
    ).first()
    if warning is None:
        return False
    return timezone.localdate(warning.sent_at) <= today - timedelta(days=FINAL_NOTICE_DAYS)


def archive_files_remove(*, archive: ArchivedExtranet, now: datetime) -> None:
    shutil.rmtree(extranet_media_dir(schema_name=archive.schema_name), ignore_errors=True)
    extranet_purged.send(
        sender=ArchivedExtranet,
        extranet_id=archive.extranet_id,
        schema_name=archive.schema_name,
        slug=archive.slug,
    )
    archive.files_removed_at = now
    archive.save(update_fields=["files_removed_at"])


def _drop_blocker(*, extranet: Extranet, policy: Policy, now: datetime) -> str:
    """Re-read the extranet under a row lock and say why it must stay, or "" to drop it.

    The list of extranets due was read earlier: a hold set, or a contract extended, since
    then wins. The lock keeps them as read until the drop commits.
    """
    locked = Extranet.objects.select_for_update().filter(pk=extranet.pk).first()
    if locked is None:
        return "already gone"
    if locked.legal_hold:
        return f"legal hold: {locked.legal_hold_reason or '-'}"
    due = {e.pk for e, _when in extranets_due(policy=policy, today=timezone.localdate(now))}
    if locked.pk not in due:
        return "no longer due (contract changed)"
    return ""


def extranet_drop(*, extranet: Extranet, policy: Policy, now: datetime) -> ArchivedExtranet | None:
    """Drop one extranet under its schema's purge lock; None when a pass holds that lock."""
    from retention.services import schema_lock

    with schema_lock(schema_name=extranet.schema_name) as acquired:
        if not acquired:
            return None
        with transaction.atomic():
            blocker = _drop_blocker(extranet=extranet, policy=policy, now=now)
            if blocker:
                audit_log(
                    actor=Actor.system("retention"),
                    action=AuditAction.EXTRANET_DROP_BLOCKED,
                    obj=extranet,
                    data={"schema": extranet.schema_name, "reason": blocker},
                )
                logger.warning("extranet %s not dropped: %s", extranet.schema_name, blocker)
                return None
            archive = ArchivedExtranet.objects.create(
                extranet_id=extranet.pk,
                name=extranet.name,
                slug=extranet.slug,
                schema_name=extranet.schema_name,
                contract_start=extranet.contract_start,
                contract_end=extranet.contract_end,
                deleted_at=now,
            )
            audit_log(
                actor=Actor.system("retention"),
                action=AuditAction.EXTRANET_DROPPED,
                obj=extranet,
                data={"schema": extranet.schema_name},
            )
            with connection.cursor() as cursor:
                # Deferred FK checks still pending in this transaction would make DROP fail.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            extranet.delete(force_drop=True)  # DROP SCHEMA ... CASCADE, then the rows
    archive_files_remove(archive=archive, now=now)
    return archive


def customers_retention_execute(*, policy: Policy, now: datetime) -> int:
    """Warnings, unfinished archives, then the drops that are due. Returns extranets dropped."""
    today = timezone.localdate(now)
    drop_warnings_send(policy=policy, now=now)
    for archive in ArchivedExtranet.objects.filter(files_removed_at__isnull=True):
        archive_files_remove(archive=archive, now=now)
    dropped = 0
    for extranet, _when in extranets_due(policy=policy, today=today):
        if _final_notice_given(extranet=extranet, today=today):
            dropped += extranet_drop(extranet=extranet, policy=policy, now=now) is not None
    return dropped

"""Access and portability: the export ZIP, its link and its expiry."""

import datetime
import tempfile

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from core import crypto
from core.audit import Actor, AuditAction
from core.services import audit_log
from privacy.export import export_zip_write
from privacy.models import (
    DataExport,
    SubjectRequest,
)
from privacy.services.trail import Status, complete, lock, public_link
from privacy.tokens import download_token_make


def export_build(*, request_id: int, actor_label: str) -> DataExport | None:
    """Build the ZIP on disk (constant memory), store it for 7 days, send the link. Idempotent."""
    subject_request = SubjectRequest.objects.filter(pk=request_id).first()
    if subject_request is None or subject_request.status != Status.PROCESSING:
        return subject_request.exports.first() if subject_request else None
    with tempfile.TemporaryFile() as tmp, tempfile.TemporaryFile() as sealed:
        manifest = export_zip_write(subject_request=subject_request, fileobj=tmp)
        tmp.seek(0, 2)
        size = tmp.tell()
        tmp.seek(0)
        # Stored encrypted with the field keys; only the owner's download decrypts it.
        crypto.encrypt_file(tmp, sealed)
        sealed.seek(0)
        now = timezone.now()
        export = DataExport(
            request=subject_request,
            expires_at=now + datetime.timedelta(days=DataExport.LIFETIME_DAYS),
            size=size,
        )
        export.file.save("export.zip", File(sealed), save=False)
    with transaction.atomic():
        lock(subject_request)
        if subject_request.status != Status.PROCESSING:  # a redelivery finished it meanwhile
            export.file.delete(save=False)
            return subject_request.exports.first()
        export.save()
        audit_log(
            actor=Actor.from_label(actor_label), action=AuditAction.EXPORT_CREATED, obj=export
        )
        outcome = {
            "categories": sorted({c["category"] for c in manifest["categories"] if c["rows"]})
        }
        context = {"download_url": export_download_url(export=export)}
        complete(subject_request, actor=actor_label, outcome=outcome, context=context)
    return export


def export_download_url(*, export: DataExport) -> str:
    """Extranet users download after signing in; others through a signed link to their address."""
    from tenants.models import Extranet
    from tenants.selectors import extranet_url

    subject_request = export.request
    extranet = Extranet.objects.filter(schema_name=subject_request.extranet_schema).first()
    if subject_request.extranet_schema and extranet is not None:
        return extranet_url(extranet=extranet, path=f"/my-data/exports/{export.pk}/")
    token = download_token_make(export_id=export.pk, email=subject_request.email)
    return public_link("privacy:dpo_export", token)


def exports_purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete expired exports, file first. Safe to run again after a crash."""
    count = 0
    for export in DataExport.objects.filter(expires_at__lte=now or timezone.now()).iterator():
        export.file.delete(save=False)
        with transaction.atomic(durable=True):  # beat's entry point: each expiry commits on its own
            audit_log(actor=Actor.system(), action=AuditAction.EXPORT_EXPIRED, obj=export)
            export.delete()
        count += 1
    return count


def exports_delete_for_extranet(*, schema_name: str) -> int:
    """Exports of a dropped extranet's users, file first. Idempotent (the signal may repeat)."""
    count = 0
    for export in DataExport.objects.filter(request__extranet_schema=schema_name).iterator():
        export.file.delete(save=False)
        with transaction.atomic():
            audit_log(
                actor=Actor.system("retention"),
                action=AuditAction.EXPORT_DELETED_WITH_EXTRANET,
                obj=export,
                data={"schema": schema_name},
            )
            export.delete()
        count += 1
    return count

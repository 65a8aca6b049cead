import datetime
import tempfile

from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.services import audit_log
from privacy import deadlines, emails
from privacy.erasure import erasure_blockers, erasure_execute
from privacy.export import export_zip_write
from privacy.models import DataExport, RequestEvent, SubjectRequest, SuppressedEmail
from privacy.selectors import email_hmac
from privacy.subjects import request_places
from privacy.tokens import download_token_make, verify_token_make
from tenants.selectors import public_url

Status = SubjectRequest.Status
Type = SubjectRequest.Type


class RequestStateError(Exception):
    """The step is not allowed in the request's current state; the message says why."""


def suppression_add(*, email: str, reason: str, actor=None) -> SuppressedEmail:
    entry, created = SuppressedEmail.objects.get_or_create(
        email_hmac=email_hmac(email=email), reason=reason
    )
    if created:
        audit_log(
            actor=actor, action="privacy.suppression_added", obj=entry, data={"reason": reason}
        )
    return entry


def _actor(actor) -> str:
    if actor is None:
        return "system"
    return actor if isinstance(actor, str) else f"staff:{actor.get_username()}"


def _step(subject_request: SubjectRequest, *, actor, action: str, note: str = "", fields=()):
    """Save the changed fields, append to the trail and to the audit log, in one transaction."""
    with transaction.atomic():
        if fields:
            subject_request.save(update_fields=list(fields))
        RequestEvent.objects.create(
            request=subject_request, actor=_actor(actor), action=action, note=note
        )
        audit_log(
            actor=actor if not isinstance(actor, str) else _actor(actor),
            action=f"privacy.request_{action}",
            obj=subject_request,
            data={"fields": list(fields)},
        )


def _start_clock(subject_request: SubjectRequest, at: datetime.datetime) -> None:
    subject_request.verified_at = at
    subject_request.due_date = deadlines.due_date_compute(start=timezone.localdate(at))
    subject_request.status = Status.VERIFIED


def _public_link(name: str, token: str) -> str:
    return public_url(path=reverse(name, urlconf="perfony.urls_public", args=[token]))


def request_file_public(
    *, type: str, email: str, details: str = "", consent: str = "", language: str = "en"
) -> SubjectRequest:
    """Filed by anyone at /dpo/: the clock starts when they prove they own the address."""
    subject_request = SubjectRequest(
        type=type, email=email.strip(), details=details, consent=consent, language=language
    )
    with transaction.atomic():
        subject_request.save()
        _step(subject_request, actor="requester", action="received")
    token = verify_token_make(request_id=subject_request.pk, email=subject_request.email)
    emails.requester_email_send(
        subject_request=subject_request,
        kind="verify",
        context={"verify_url": _public_link("privacy:dpo_verify", token)},
    )
    return subject_request


def request_file_extranet(
    *, user, schema_name: str, type: str, consent: str = "", details: str = "", language="en"
) -> SubjectRequest:
    """Filed from /my-data/ by a signed-in user: already identified, so the clock starts now.

    Whether the owner proved the account's address is recorded: it decides whether the request
    reaches beyond this account (privacy/subjects.py request_places)."""
    from django_tenants.utils import schema_context

    from accounts.selectors import email_is_verified

    with schema_context(schema_name):
        email_verified = email_is_verified(user=user)
    now = timezone.now()
    subject_request = SubjectRequest(
        type=type,
        consent=consent,
        details=details,
        email=user.email,
        language=language,
        received_at=now,
        extranet_schema=schema_name,
        user_id=user.pk,
        email_verified=email_verified,
    )
    _start_clock(subject_request, now)
    with transaction.atomic():
        subject_request.save()
        _step(subject_request, actor="requester", action="received")
    emails.requester_email_send(subject_request=subject_request, kind="received")
    return subject_request


def request_verify_by_token(*, token: str) -> SubjectRequest | None:
    """The requester clicked the signed link (valid 48 hours). Idempotent."""
    from privacy.selectors import request_for_verify_token

    subject_request = request_for_verify_token(token=token)
    if subject_request is None:
        return None
    if subject_request.status == Status.UNVERIFIED:
        request_verify(subject_request=subject_request, actor="requester")
    return subject_request


def request_verify(*, subject_request: SubjectRequest, actor) -> SubjectRequest:
    if subject_request.status != Status.UNVERIFIED:
        raise RequestStateError(_("Only a request awaiting an identity check can be verified."))
    _start_clock(subject_request, timezone.now())
    # Filed by email: the requester followed the link sent to it, or staff checked who they are.
    if not subject_request.extranet_schema:
        subject_request.email_verified = True
    _step(
        subject_request,
        actor=actor,
        action="verified",
        fields=("verified_at", "due_date", "status", "email_verified"),
    )
    emails.requester_email_send(subject_request=subject_request, kind="verified")
    return subject_request


def request_approve(*, subject_request: SubjectRequest, actor) -> SubjectRequest:
    if subject_request.status != Status.VERIFIED:
        raise RequestStateError(_("Only a verified request waiting for review can be approved."))
    subject_request.status = Status.APPROVED
    _step(subject_request, actor=actor, action="approved", fields=("status",))
    return subject_request


def request_reject(*, subject_request: SubjectRequest, actor, reason: str) -> SubjectRequest:
    if not subject_request.is_open:
        raise RequestStateError(_("This request is already closed."))
    if not reason.strip():
        raise RequestStateError(_("A refusal must give its reason."))
    subject_request.status = Status.REJECTED
    subject_request.refusal_reason = reason.strip()
    subject_request.closed_at = timezone.now()
    _step(
        subject_request,
        actor=actor,
        action="rejected",
        note=reason,
        fields=("status", "refusal_reason", "closed_at"),
    )
    emails.requester_email_send(subject_request=subject_request, kind="refused")
    return subject_request


EXTENSION_ERRORS = {
    "not_started": gettext_noop("The deadline has not started: the identity is not verified yet."),
    "already_extended": gettext_noop("The deadline can be extended only once."),
    "too_long": gettext_noop("An extension is one or two months."),
    "no_reason": gettext_noop("An extension needs a reason, which the requester is told."),
    "too_late": gettext_noop("An extension is only possible before the original due date."),
    "closed": gettext_noop("This request is already closed."),
}


def request_extend(
    *,
    subject_request: SubjectRequest,
    actor,
    months: int,
    reason: str,
    today: datetime.date | None = None,
) -> SubjectRequest:
    problem = deadlines.extension_problem(
        due_date=subject_request.due_date,
        already_extended=subject_request.extended_due_date is not None,
        months=months,
        reason=reason,
        today=today or timezone.localdate(),
    )
    if problem is None and not subject_request.is_open:
        problem = "closed"
    if problem is not None:
        raise RequestStateError(_(EXTENSION_ERRORS[problem]))
    subject_request.extended_due_date = deadlines.extended_due_date_compute(
        due_date=subject_request.due_date, months=months
    )
    subject_request.extension_reason = reason.strip()
    _step(
        subject_request,
        actor=actor,
        action="extended",
        note=reason,
        fields=("extended_due_date", "extension_reason"),
    )
    emails.requester_email_send(subject_request=subject_request, kind="extended")
    return subject_request


def _complete(subject_request: SubjectRequest, *, actor, outcome: dict, context=None) -> None:
    subject_request.status = Status.COMPLETED
    subject_request.closed_at = timezone.now()
    subject_request.outcome = outcome
    _step(
        subject_request,
        actor=actor,
        action="completed",
        fields=("status", "closed_at", "outcome", "blocked_reason"),
    )
    emails.requester_email_send(
        subject_request=subject_request, kind="completed", context=context or {}
    )


_SUPPRESSION_FOR = {
    Type.OBJECTION_PROSPECTING: SuppressedEmail.Reason.OBJECTION_PROSPECTING,
    Type.OBJECTION_PARTNERS: SuppressedEmail.Reason.OBJECTION_PARTNERS,
}
_SUPPRESSION_FOR_CONSENT = {
    SubjectRequest.Consent.NEWSLETTER: SuppressedEmail.Reason.UNSUBSCRIBE,
    SubjectRequest.Consent.PARTNERS: SuppressedEmail.Reason.OBJECTION_PARTNERS,
}


def _suppression_reason(subject_request: SubjectRequest) -> str | None:
    if subject_request.type == Type.WITHDRAW_CONSENT:
        return _SUPPRESSION_FOR_CONSENT.get(subject_request.consent)
    return _SUPPRESSION_FOR.get(subject_request.type)


def request_execute(*, subject_request: SubjectRequest, actor) -> SubjectRequest:
    """Carry out an approved request. Exports and erasures run in a Celery task."""
    from privacy import tasks

    if subject_request.status != Status.APPROVED:
        raise RequestStateError(_("Only an approved request can be executed."))
    if subject_request.type == Type.ERASURE:
        places = request_places(subject_request=subject_request)
        blockers = erasure_blockers(places=places, email=subject_request.email)
        if blockers:
            subject_request.blocked_reason = "\n".join(blockers)
            _step(
                subject_request,
                actor=actor,
                action="blocked",
                note=subject_request.blocked_reason,
                fields=("blocked_reason",),
            )
            raise RequestStateError(
                _("Erasure blocked: %(reasons)s") % {"reasons": "; ".join(blockers)}
            )
    if subject_request.type in (Type.ACCESS, Type.PORTABILITY, Type.ERASURE):
        subject_request.status = Status.PROCESSING
        _step(subject_request, actor=actor, action="processing", fields=("status",))
        task = tasks.export_build if subject_request.type != Type.ERASURE else tasks.erasure_run
        label, pk = _actor(actor), subject_request.pk
        transaction.on_commit(lambda: task.delay(pk, label))
        return subject_request
    reason = _suppression_reason(subject_request)
    if not subject_request.email_verified:
        reason = None  # an address nobody proved is never suppressed, nor its consents touched
    if reason is not None:
        suppression_add(email=subject_request.email, reason=reason, actor=actor)
    subject_request.blocked_reason = ""
    _complete(subject_request, actor=actor, outcome={"suppression": reason or ""})
    return subject_request


def export_build(*, request_id: int, actor_label: str) -> DataExport | None:
    """Build the ZIP on disk (constant memory), store it for 7 days, send the link. Idempotent."""
    subject_request = SubjectRequest.objects.get(pk=request_id)
    if subject_request.status != Status.PROCESSING:
        return subject_request.exports.first()
    with tempfile.TemporaryFile() as tmp:
        manifest = export_zip_write(subject_request=subject_request, fileobj=tmp)
        tmp.seek(0, 2)
        size = tmp.tell()
        tmp.seek(0)
        now = timezone.now()
        export = DataExport(
            request=subject_request,
            expires_at=now + datetime.timedelta(days=DataExport.LIFETIME_DAYS),
            size=size,
        )
        export.file.save("export.zip", File(tmp), save=False)
    with transaction.atomic():
        export.save()
        audit_log(actor=actor_label, action="privacy.export_created", obj=export, data={})
        outcome = {"categories": sorted({c["category"] for c in manifest["categories"]})}
        context = {"download_url": export_download_url(export=export)}
        _complete(subject_request, actor=actor_label, outcome=outcome, context=context)
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
    return _public_link("privacy:dpo_export", token)


def erasure_run(*, request_id: int, actor_label: str) -> list[dict]:
    """Erase, put the address on the suppression list, and send the report. Idempotent."""
    subject_request = SubjectRequest.objects.get(pk=request_id)
    if subject_request.status != Status.PROCESSING:
        return subject_request.outcome.get("report", [])
    report = erasure_execute(subject_request=subject_request, actor_label=actor_label)
    if subject_request.email_verified:  # never suppress an address nobody proved
        suppression_add(
            email=subject_request.email, reason=SuppressedEmail.Reason.ERASURE, actor=actor_label
        )
    subject_request.blocked_reason = ""
    _complete(
        subject_request, actor=actor_label, outcome={"report": report}, context={"report": report}
    )
    return report


def exports_purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete expired exports, file first. Safe to run again after a crash."""
    count = 0
    for export in DataExport.objects.filter(expires_at__lte=now or timezone.now()).iterator():
        export.file.delete(save=False)
        with transaction.atomic():
            audit_log(actor="system", action="privacy.export_expired", obj=export, data={})
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
                actor="retention",
                action="privacy.export_deleted_with_extranet",
                obj=export,
                data={"schema": schema_name},
            )
            export.delete()
        count += 1
    return count


def requests_detach_from_extranet(*, schema_name: str) -> int:
    """A dropped extranet's user ids mean nothing any more, and a new extranet with the same
    slug reuses them: unlink the requests so no new user ever sees an old user's requests."""
    return SubjectRequest.objects.filter(extranet_schema=schema_name, user_id__isnull=False).update(
        user_id=None
    )


def reminders_send(*, today: datetime.date | None = None) -> int:
    from privacy.selectors import request_due_soon_list
    from tenants.selectors import public_url

    due = list(request_due_soon_list(today=today or timezone.localdate()))
    if due:
        emails.staff_reminder_send(
            requests=due, admin_url=public_url(path="/admin/privacy/subjectrequest/")
        )
    return len(due)

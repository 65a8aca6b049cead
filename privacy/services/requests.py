"""A subject request's lifecycle: filed, verified, reviewed, carried out or closed."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.audit import Actor, AuditAction
from core.outbox import outbox_enqueue
from core.ratelimit import rate_limit_exceeded
from core.services import audit_log
from privacy import deadlines, emails
from privacy.models import (
    SubjectRequest,
    SuppressedEmail,
)
from privacy.services.erasure import erasure_blockers_locked
from privacy.services.holds import subject_lock
from privacy.services.suppression import suppression_add
from privacy.services.trail import (
    RequestStateError,
    Status,
    Type,
    actor_label,
    block,
    complete,
    extranets_record,
    extranets_tell,
    lock,
    public_link,
    step,
)
from privacy.tokens import verify_token_make

RETENTION = Actor.system("retention")  # what unlinks requests when an extranet is dropped


def _start_clock(subject_request: SubjectRequest, at: datetime.datetime) -> None:
    subject_request.verified_at = at
    subject_request.due_date = deadlines.due_date_compute(start=timezone.localdate(at))
    subject_request.status = Status.VERIFIED


DUPLICATE_WINDOW = datetime.timedelta(minutes=10)


def _same_request_recently(subject_request: SubjectRequest) -> SubjectRequest | None:
    return (
        SubjectRequest.objects.filter(
            type=subject_request.type,
            email__iexact=subject_request.email,
            consent=subject_request.consent,
            details=subject_request.details,
            extranet_schema="",
            received_at__gte=timezone.now() - DUPLICATE_WINDOW,
        )
        .order_by("received_at")
        .first()
    )


DPO_FORM_LIMIT = 5  # per hour and IP: each filing emails a link to an address we cannot trust yet


def dpo_rate_limited(*, ip: str) -> bool:
    """Counts a filing (a write in the cache); True once the IP went over the limit. Only a
    hash of the IP is stored."""
    return rate_limit_exceeded(scope="dpo", value=ip, limit=DPO_FORM_LIMIT, window_seconds=3600)


def request_file_public(
    *, type: str, email: str, details: str = "", consent: str = "", language: str = "en"
) -> SubjectRequest:
    """Filed by anyone at /dpo/: the clock starts when they prove they own the address.

    The same request from the same address within 10 minutes (a double submit, a second click)
    is the first one again: no second request, no second email.
    """
    subject_request = SubjectRequest(
        type=type, email=email.strip(), details=details, consent=consent, language=language
    )
    with transaction.atomic():
        subject_lock(email=subject_request.email)  # two submits at once: the second waits
        same = _same_request_recently(subject_request)
        if same is not None:
            return same
        subject_request.save()
        step(subject_request, actor="requester", action="received")
    token = verify_token_make(request_id=subject_request.pk, email=subject_request.email)
    emails.requester_email_send(
        subject_request=subject_request,
        kind="verify",
        context={"verify_url": public_link("privacy:dpo_verify", token)},
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
        step(subject_request, actor="requester", action="received")
        extranets_record(subject_request)
    emails.requester_email_send(subject_request=subject_request, kind="received")
    extranets_tell(subject_request, event="received")
    return subject_request


def request_verify_by_token(*, token: str) -> SubjectRequest | None:
    """The requester clicked the signed link (valid 48 hours). Idempotent."""
    from privacy.selectors import request_for_verify_token

    subject_request = request_for_verify_token(token=token)
    if subject_request is None:
        return None
    if subject_request.status == Status.UNVERIFIED:
        try:
            request_verify(subject_request=subject_request, actor="requester")
        except RequestStateError:
            subject_request.refresh_from_db()  # a second click, verified by the first one
    return subject_request


def request_verify(*, subject_request: SubjectRequest, actor) -> SubjectRequest:
    with transaction.atomic():
        lock(subject_request)
        if subject_request.status != Status.UNVERIFIED:
            raise RequestStateError(_("Only a request awaiting an identity check can be verified."))
        _start_clock(subject_request, timezone.now())
        # Filed by email: the requester followed the link sent to it, or staff checked who they are.
        if not subject_request.extranet_schema:
            subject_request.email_verified = True
        step(
            subject_request,
            actor=actor,
            action="verified",
            fields=("verified_at", "due_date", "status", "email_verified"),
        )
        extranets_record(subject_request)
    emails.requester_email_send(subject_request=subject_request, kind="verified")
    extranets_tell(subject_request, event="received")
    return subject_request


def request_approve(*, subject_request: SubjectRequest, actor) -> SubjectRequest:
    with transaction.atomic():
        lock(subject_request)
        if subject_request.status != Status.VERIFIED:
            raise RequestStateError(
                _("Only a verified request waiting for review can be approved.")
            )
        subject_request.status = Status.APPROVED
        step(subject_request, actor=actor, action="approved", fields=("status",))
    return subject_request


def request_reject(*, subject_request: SubjectRequest, actor, reason: str) -> SubjectRequest:
    if not reason.strip():
        raise RequestStateError(_("A refusal must give its reason."))
    with transaction.atomic():
        lock(subject_request)
        if not subject_request.is_open:
            raise RequestStateError(_("This request is already closed."))
        subject_request.status = Status.REJECTED
        subject_request.refusal_reason = reason.strip()
        subject_request.closed_at = timezone.now()
        step(
            subject_request,
            actor=actor,
            action="rejected",
            note=reason,
            fields=("status", "refusal_reason", "closed_at"),
        )
    emails.requester_email_send(subject_request=subject_request, kind="refused")
    extranets_tell(subject_request, event="closed")
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
    with transaction.atomic():
        lock(subject_request)
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
        assert subject_request.due_date is not None  # extension_problem: "not_started"
        subject_request.extended_due_date = deadlines.extended_due_date_compute(
            due_date=subject_request.due_date, months=months
        )
        subject_request.extension_reason = reason.strip()
        step(
            subject_request,
            actor=actor,
            action="extended",
            note=reason,
            fields=("extended_due_date", "extension_reason"),
        )
    emails.requester_email_send(subject_request=subject_request, kind="extended")
    return subject_request


# Keyed by str: the model fields hold plain str, a TextChoices member is one.
_SUPPRESSION_FOR: dict[str, str] = {
    Type.OBJECTION_PROSPECTING: SuppressedEmail.Reason.OBJECTION_PROSPECTING,
    Type.OBJECTION_PARTNERS: SuppressedEmail.Reason.OBJECTION_PARTNERS,
}

_SUPPRESSION_FOR_CONSENT: dict[str, str] = {
    SubjectRequest.Consent.NEWSLETTER: SuppressedEmail.Reason.UNSUBSCRIBE,
    SubjectRequest.Consent.PARTNERS: SuppressedEmail.Reason.OBJECTION_PARTNERS,
}


def _suppression_reason(subject_request: SubjectRequest) -> str | None:
    if subject_request.type == Type.WITHDRAW_CONSENT:
        return _SUPPRESSION_FOR_CONSENT.get(subject_request.consent)
    return _SUPPRESSION_FOR.get(subject_request.type)


TASK_FOR: dict[str, str] = {
    Type.ACCESS: "privacy.export_build",
    Type.PORTABILITY: "privacy.export_build",
    Type.ERASURE: "privacy.erasure_run",
}


def _blocked_error(subject_request: SubjectRequest) -> RequestStateError:
    reasons = subject_request.blocked_reason.replace("\n", "; ")
    return RequestStateError(_("Erasure blocked: %(reasons)s") % {"reasons": reasons})


def _execute_locked(subject_request: SubjectRequest, *, actor) -> bool:
    """The approved request, locked: queue its task or complete it. False when blocked."""
    if subject_request.type == Type.ERASURE:
        blockers = erasure_blockers_locked(subject_request)
        if blockers:
            block(subject_request, actor=actor, blockers=blockers)
            return False
    task_name = TASK_FOR.get(subject_request.type)
    if task_name is not None:
        subject_request.status = Status.PROCESSING
        step(subject_request, actor=actor, action="processing", fields=("status",))
        # Committed with the status: a broker that is down delays the task, never loses it.
        outbox_enqueue(task_name=task_name, args=[subject_request.pk, actor_label(actor)])
        return True
    reason = _suppression_reason(subject_request)
    if not subject_request.email_verified:
        reason = None  # an address nobody proved is never suppressed, nor its consents touched
    if reason is not None:
        suppression_add(email=subject_request.email, reason=reason, actor=actor)
    subject_request.blocked_reason = ""
    complete(subject_request, actor=actor, outcome={"suppression": reason or ""})
    return True


def request_rectify(
    *, subject_request: SubjectRequest, actor, changes: dict[str, dict]
) -> list[dict]:
    """Correct the subject's data (per target key, the corrected fields), complete the request
    and tell the requester what changed. Refused when nothing changes: a rectification that
    does nothing is refused with its reason instead."""
    from privacy.rectification import rectification_targets, target_rectify

    with transaction.atomic():
        lock(subject_request)
        if subject_request.type != Type.RECTIFICATION:
            raise RequestStateError(_("Only a rectification request is carried out this way."))
        if subject_request.status != Status.APPROVED:
            raise RequestStateError(_("Only an approved request can be executed."))
        done = []
        for target in rectification_targets(subject_request=subject_request):
            if target.key not in changes:
                continue
            changed = target_rectify(
                target, data=changes[target.key], actor_label=actor_label(actor)
            )
            if changed:
                done.append({"source": target.source, "changes": changed})
        if not done:
            raise RequestStateError(
                _("Nothing was changed. Correct at least one field, or refuse the request.")
            )
        outcome = {
            "rectified": [
                {"source": line["source"], "fields": [label for label, _v in line["changes"]]}
                for line in done
            ]
        }
        subject_request.blocked_reason = ""
        complete(subject_request, actor=actor, outcome=outcome, context={"rectified": done})
    return done


def request_execute(*, subject_request: SubjectRequest, actor) -> SubjectRequest:
    """Carry out an approved request. Exports and erasures run in a Celery task, queued through
    the outbox; the erasure task checks the holds again when it runs."""
    with transaction.atomic():
        lock(subject_request)
        if subject_request.status != Status.APPROVED:
            raise RequestStateError(_("Only an approved request can be executed."))
        if subject_request.type == Type.RECTIFICATION:
            raise RequestStateError(
                _("A rectification is carried out with its form: open “Rectify the data”.")
            )
        done = _execute_locked(subject_request, actor=actor)
    if not done:
        raise _blocked_error(subject_request)
    return subject_request


def requests_expire_unverified(*, now: datetime.datetime | None = None) -> int:
    """Close the requests whose identity link was not followed within 14 days. Idempotent.

    An unverified request proves nothing about who filed it: once expired it no longer holds
    back retention for the address, and its own rule purges it (privacy/privacy.py)."""
    now = now or timezone.now()
    limit = now - SubjectRequest.UNVERIFIED_LIFETIME
    ids = SubjectRequest.objects.filter(status=Status.UNVERIFIED, received_at__lt=limit)
    count = 0
    for request_id in ids.values_list("pk", flat=True).iterator():
        with transaction.atomic(durable=True):  # beat's entry point: each expiry commits on its own
            subject_request = SubjectRequest.objects.select_for_update().get(pk=request_id)
            if subject_request.status != Status.UNVERIFIED:  # verified meanwhile
                continue
            subject_request.status = Status.EXPIRED
            subject_request.closed_at = now
            step(subject_request, actor="system", action="expired", fields=("status", "closed_at"))
            count += 1
    return count


def request_fail(*, request_id: int, reason: str) -> SubjectRequest | None:
    """The export or erasure task raised: the request shows why, and waits for a retry."""
    with transaction.atomic():
        subject_request = SubjectRequest.objects.select_for_update().filter(pk=request_id).first()
        if subject_request is None or subject_request.status != Status.PROCESSING:
            return subject_request  # finished by another delivery, or never started
        subject_request.status = Status.ERROR
        subject_request.error_reason = reason[:2000]
        step(
            subject_request,
            actor="system",
            action="failed",
            note=subject_request.error_reason,
            fields=("status", "error_reason"),
        )
    return subject_request


def request_retry(*, subject_request: SubjectRequest, actor) -> SubjectRequest:
    """Queue the failed task again (holds are checked again, as for a first execution)."""
    with transaction.atomic():
        lock(subject_request)
        if subject_request.status != Status.ERROR:
            raise RequestStateError(_("Only a request whose task failed can be retried."))
        subject_request.error_reason = ""
        subject_request.save(update_fields=["error_reason"])
        step(subject_request, actor=actor, action="retried")
        done = _execute_locked(subject_request, actor=actor)
    if not done:
        raise _blocked_error(subject_request)
    return subject_request


def request_cancel(*, subject_request: SubjectRequest, actor) -> SubjectRequest:
    """The requester withdraws their request, from the emailed link or /my-data/."""
    with transaction.atomic():
        lock(subject_request)
        if not subject_request.is_cancellable:
            raise RequestStateError(
                _("This request can no longer be cancelled: it is being carried out or closed.")
            )
        subject_request.status = Status.CANCELLED
        subject_request.closed_at = timezone.now()
        step(subject_request, actor=actor, action="cancelled", fields=("status", "closed_at"))
    emails.requester_email_send(subject_request=subject_request, kind="cancelled")
    extranets_tell(subject_request, event="closed")
    return subject_request


def request_cancel_by_token(*, token: str) -> SubjectRequest | None:
    """The requester confirmed the cancel link of one of our emails; None if the link is bad."""
    from privacy.selectors import request_for_cancel_token

    subject_request = request_for_cancel_token(token=token)
    if subject_request is not None:
        request_cancel(subject_request=subject_request, actor="requester")
    return subject_request


def request_cancel_for_user(
    *, request_id: int, schema_name: str, user_id: int
) -> SubjectRequest | None:
    """From /my-data/: only the signed-in user's own request; None for anyone else's."""
    from privacy.selectors import request_list_for_user

    subject_request = (
        request_list_for_user(schema_name=schema_name, user_id=user_id)
        .filter(pk=request_id)
        .first()
    )
    if subject_request is not None:
        request_cancel(subject_request=subject_request, actor="requester")
    return subject_request


@transaction.atomic
def requests_detach_from_extranet(*, schema_name: str, actor: Actor = RETENTION) -> int:
    """A dropped extranet's user ids mean nothing any more, and a new extranet with the same
    slug reuses them: unlink the requests so no new user ever sees an old user's requests,
    and no new admin the old extranet's. Each request unlinked gets an audit row."""
    from django.db.models import F, Func, Q, Value

    covered = Q(extranet_schemas__contains=[schema_name])
    linked = Q(extranet_schema=schema_name, user_id__isnull=False)
    touched = list(
        SubjectRequest.objects.select_for_update().filter(covered | linked).order_by("pk")
    )
    SubjectRequest.objects.filter(covered).update(
        extranet_schemas=Func(F("extranet_schemas"), Value(schema_name), function="array_remove")
    )
    unlinked = SubjectRequest.objects.filter(linked).update(user_id=None)
    for subject_request in touched:
        fields = ["extranet_schemas"] if schema_name in subject_request.extranet_schemas else []
        if subject_request.extranet_schema == schema_name and subject_request.user_id is not None:
            fields.append("user_id")
        audit_log(
            actor=actor,
            action=AuditAction.REQUEST_DETACHED_FROM_EXTRANET,
            obj=subject_request,
            data={"schema": schema_name, "fields": fields},
        )
    return unlinked


def reminders_send(*, today: datetime.date | None = None, once_key: str = "") -> int:
    """Email staff the requests due within 7 days. With `once_key` (beat passes the day), a
    second call with the same key sends nothing; the claim commits only with the sending."""
    from core.outbox import once_claim
    from privacy.selectors import request_due_soon_list, request_failed_list
    from tenants.selectors import public_url

    with transaction.atomic():
        if once_key and not once_claim(key=once_key):
            return 0
        due = list(request_due_soon_list(today=today or timezone.localdate()))
        # A failed task waits for staff whatever its deadline: every reminder lists it.
        due += list(request_failed_list().exclude(pk__in=[r.pk for r in due]))
        if due:
            emails.staff_reminder_send(
                requests=due, admin_url=public_url(path="/admin/privacy/subjectrequest/")
            )
    return len(due)

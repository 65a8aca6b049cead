"""The request's trail: every status change is a locked, audited step with its event row."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.audit import Actor, AuditAction
from core.services import audit_log
from privacy import emails
from privacy.models import (
    RequestEvent,
    SubjectRequest,
)
from privacy.subjects import request_places
from tenants.selectors import public_url

Status = SubjectRequest.Status

Type = SubjectRequest.Type


class RequestStateError(Exception):
    """The step is not allowed in the request's current state; the message says why."""


def actor_label(actor) -> str:
    """The label a task is handed, and the trail shows: `Actor.label`, nothing else."""
    return Actor.of(actor).label


def step(subject_request: SubjectRequest, *, actor, action: str, note: str = "", fields=()):
    """Save the changed fields, append to the trail and to the audit log, in one transaction."""
    who = Actor.of(actor)
    with transaction.atomic():
        if fields:
            subject_request.save(update_fields=list(fields))
        RequestEvent.objects.create(
            request=subject_request, actor=who.label, action=action, note=note
        )
        audit_log(
            actor=who,
            action=AuditAction(f"privacy.request_{action}"),
            obj=subject_request,
            data={"fields": list(fields)},
        )


def lock(subject_request: SubjectRequest) -> SubjectRequest:
    """Re-read the request under a row lock (inside the caller's transaction).

    Every status transition checks the status it starts from on the locked row, so however many
    clicks arrive at once, one wins and the others see the new status.
    """
    subject_request.refresh_from_db(from_queryset=SubjectRequest.objects.select_for_update())
    return subject_request


def extranets_record(subject_request: SubjectRequest) -> None:
    """Record which extranets the request covers, from its places (the address proven)."""
    schemas = [
        place.schema_name
        for place in request_places(subject_request=subject_request)
        if place.extranet is not None
    ]
    subject_request.extranet_schemas = sorted(set(schemas))
    subject_request.save(update_fields=["extranet_schemas"])


def extranets_tell(subject_request: SubjectRequest, *, event: str) -> None:
    if subject_request.extranet_schemas:
        emails.extranet_admins_notify(subject_request=subject_request, event=event)


def public_link(name: str, token: str) -> str:
    return public_url(path=reverse(name, urlconf="perfony.urls_public", args=[token]))


def complete(subject_request: SubjectRequest, *, actor, outcome: dict, context=None) -> None:
    subject_request.status = Status.COMPLETED
    subject_request.error_reason = ""
    subject_request.closed_at = timezone.now()
    subject_request.outcome = outcome
    step(
        subject_request,
        actor=actor,
        action="completed",
        fields=("status", "closed_at", "outcome", "blocked_reason", "error_reason"),
    )
    emails.requester_email_send(
        subject_request=subject_request, kind="completed", context=context or {}
    )
    extranets_tell(subject_request, event="closed")


def block(subject_request: SubjectRequest, *, actor, blockers: list[str]) -> None:
    """Record why the erasure cannot go on; the request waits, approved, for the hold to end."""
    subject_request.status = Status.APPROVED
    subject_request.blocked_reason = "\n".join(blockers)
    step(
        subject_request,
        actor=actor,
        action="blocked",
        note=subject_request.blocked_reason,
        fields=("status", "blocked_reason"),
    )

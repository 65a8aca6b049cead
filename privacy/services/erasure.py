"""Erasure: re-check the holds under locks, erase, suppress, report."""

from django.db import transaction

from privacy.erasure import erasure_blockers, erasure_execute
from privacy.models import (
    SubjectRequest,
    SuppressedEmail,
)
from privacy.services.holds import subject_lock
from privacy.services.suppression import suppression_add
from privacy.services.trail import Status, block, complete
from privacy.subjects import request_places
from tenants.models import Extranet


def erasure_blockers_locked(subject_request: SubjectRequest) -> list[str]:
    """The holds that forbid this erasure, read under locks that keep them until commit.

    The person's advisory lock stops a new hold on them (legal_hold_save takes it too); the
    extranets' row locks stop a hold on them being set meanwhile. Places are read again after
    the locks, so a hold committed just before is seen.
    """
    subject_lock(email=subject_request.email)
    places = request_places(subject_request=subject_request)
    ids = [place.extranet.pk for place in places if place.extranet is not None]
    list(Extranet.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))
    places = request_places(subject_request=subject_request)
    return erasure_blockers(places=places, email=subject_request.email)


def erasure_run(*, request_id: int, actor_label: str) -> list[dict]:
    """Erase, put the address on the suppression list, and send the report. Idempotent.

    One transaction with the request locked: a second delivery waits, then sees it completed;
    a hold placed while the task waited in the queue blocks it and is recorded on the request.
    """
    with transaction.atomic():
        subject_request = SubjectRequest.objects.select_for_update().filter(pk=request_id).first()
        if subject_request is None or subject_request.status != Status.PROCESSING:
            return subject_request.outcome.get("report", []) if subject_request else []
        blockers = erasure_blockers_locked(subject_request)
        if blockers:
            block(subject_request, actor=actor_label, blockers=blockers)
            return []
        report = erasure_execute(subject_request=subject_request, actor_label=actor_label)
        if subject_request.email_verified:  # never suppress an address nobody proved
            suppression_add(
                email=subject_request.email,
                reason=SuppressedEmail.Reason.ERASURE,
                actor=actor_label,
            )
        subject_request.blocked_reason = ""
        complete(
            subject_request,
            actor=actor_label,
            outcome={"report": report},
            context={"report": report},
        )
    return report

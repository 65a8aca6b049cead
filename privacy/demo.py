"""Demo data for the back office: one request awaiting review, one overdue."""

import datetime

from django.utils import timezone

from core.audit import Actor
from privacy.models import RequestEvent, SubjectRequest


def privacy_demo_seed() -> None:
    if SubjectRequest.objects.exists():
        return
    today = timezone.localdate()
    samples = [
        (
            "access",
            "bob@acme.example",
            SubjectRequest.Status.VERIFIED,
            today + datetime.timedelta(days=5),
        ),
        (
            "erasure",
            "visitor@example.org",
            SubjectRequest.Status.APPROVED,
            today - datetime.timedelta(days=2),
        ),
    ]
    for type_, email, status, due in samples:
        subject_request = SubjectRequest.objects.create(
            type=type_, email=email, status=status, verified_at=timezone.now(), due_date=due
        )
        RequestEvent.objects.create(
            request=subject_request, actor=Actor.requester().label, action="received"
        )

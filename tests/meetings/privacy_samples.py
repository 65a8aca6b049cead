from datetime import timedelta

from django.utils import timezone

from meetings.models import ActionItem, Meeting
from tests.privacy.samples import sample_builder


@sample_builder("meetings.Meeting")
def build_meeting(person):
    start = timezone.now() - timedelta(days=3)
    meeting = Meeting.objects.create(
        title="Quarterly review",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        location="Room 4",
        organiser=person.user,
        minutes=f"{person.first_name} {person.last_name} presented the figures.",
    )
    meeting.participants.add(person.user)
    person.extra["meeting"] = meeting


@sample_builder("meetings.ActionItem")
def build_action(person):
    ActionItem.objects.create(
        description=f"Call {person.phone} about the budget",
        owner=person.user,
        created_by=person.user,
        due_date=timezone.localdate() + timedelta(days=7),
        meeting=person.extra.get("meeting"),
    )

from datetime import date, datetime

from django.db import transaction

from accounts.models import User
from core.audit import Actor, AuditAction
from core.services import audit_log
from meetings.models import ActionItem, AgendaItem, Meeting

MEETING_FIELDS = ("title", "starts_at", "ends_at", "location", "video_url", "minutes")


def _agenda_replace(*, meeting: Meeting, agenda: list[str]) -> None:
    meeting.agenda_items.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=i, title=title) for i, title in enumerate(agenda, 1)
    )


def _participants_set(*, meeting: Meeting, participants) -> None:
    people = {p.pk: p for p in participants}
    if meeting.organiser_id is not None:
        people.setdefault(meeting.organiser_id, meeting.organiser)
    meeting.participants.set(people.values())


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    participants,
    location: str = "",
    video_url: str = "",
    minutes: str = "",
    agenda: list[str] | None = None,
    organiser: User | None = None,
) -> Meeting:
    meeting = Meeting.objects.create(
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        video_url=video_url,
        minutes=minutes,
        organiser=organiser or actor,
    )
    _participants_set(meeting=meeting, participants=participants)
    _agenda_replace(meeting=meeting, agenda=agenda or [])
    audit_log(
        actor=Actor.user(actor),
        action=AuditAction.MEETING_CREATED,
        obj=meeting,
        data={"fields": [*MEETING_FIELDS, "organiser", "participants", "agenda"]},
    )
    return meeting


@transaction.atomic
def meeting_update(
    *, actor: User, meeting: Meeting, participants, agenda: list[str], **fields
) -> Meeting:
    changed = sorted(k for k, v in fields.items() if getattr(meeting, k) != v)
    for name, value in fields.items():
        if name not in MEETING_FIELDS:
            raise ValueError(f"not an editable meeting field: {name}")
        setattr(meeting, name, value)
    meeting.save()
    before = set(meeting.participants.values_list("pk", flat=True))
    _participants_set(meeting=meeting, participants=participants)
    if set(meeting.participants.values_list("pk", flat=True)) != before:
        changed.append("participants")
    if [a.title for a in meeting.agenda_items.all()] != agenda:
        _agenda_replace(meeting=meeting, agenda=agenda)
        changed.append("agenda")
    audit_log(
        actor=Actor.user(actor),
        action=AuditAction.MEETING_UPDATED,
        obj=meeting,
        data={"fields": changed},
    )
    return meeting


@transaction.atomic
def action_create(
    *,
    actor: User,
    description: str,
    owner: User,
    due_date: date,
    meeting: Meeting | None = None,
    status: str = ActionItem.Status.OPEN,
) -> ActionItem:
    action = ActionItem.objects.create(
        description=description,
        owner=owner,
        due_date=due_date,
        meeting=meeting,
        status=status,
        created_by=actor,
    )
    audit_log(
        actor=Actor.user(actor),
        action=AuditAction.ACTION_CREATED,
        obj=action,
        data={"fields": ["description", "owner", "due_date", "status", "meeting"]},
    )
    return action


ACTION_FIELDS = ("description", "owner", "due_date", "status", "meeting")


@transaction.atomic
def action_update(*, actor: User, action: ActionItem, **fields) -> ActionItem:
    changed = sorted(k for k, v in fields.items() if getattr(action, k) != v)
    for name, value in fields.items():
        if name not in ACTION_FIELDS:
            raise ValueError(f"not an editable action field: {name}")
        setattr(action, name, value)
    action.save()
    audit_log(
        actor=Actor.user(actor),
        action=AuditAction.ACTION_UPDATED,
        obj=action,
        data={"fields": changed},
    )
    return action

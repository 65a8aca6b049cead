from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from meetings.models import ActionItem, Meeting


def user_choices() -> QuerySet[User]:
    """People who can be invited or own actions: active, not erased, of this extranet."""
    return (
        User.objects.filter(is_active=True)
        .exclude(username__startswith=User.ERASED_PREFIX)
        .order_by("first_name", "last_name", "username")
    )


def meeting_list_for_user(*, user: User) -> QuerySet[Meeting]:
    """Extranet admins see every meeting; others the ones they organise or take part in."""
    meetings = Meeting.objects.select_related("organiser")
    if user.is_extranet_admin:
        return meetings
    own = Meeting.participants.through.objects.filter(user=user).values("meeting_id")
    return meetings.filter(Q(organiser=user) | Q(pk__in=own))


def meeting_choices_for_action(
    *, user: User, action: ActionItem | None = None
) -> QuerySet[Meeting]:
    """Meetings an action can be attached to; an edited action keeps its current meeting."""
    visible = Q(pk__in=meeting_list_for_user(user=user).values("pk"))
    if action is not None and action.meeting_id:
        visible |= Q(pk=action.meeting_id)
    return Meeting.objects.filter(visible).order_by("-starts_at")


def meeting_upcoming_for_user(*, user: User, limit: int = 5) -> list[Meeting]:
    own = Meeting.participants.through.objects.filter(user=user).values("meeting_id")
    qs = Meeting.objects.filter(Q(organiser=user) | Q(pk__in=own))
    return list(qs.filter(ends_at__gte=timezone.now()).order_by("starts_at")[:limit])


def meeting_this_week_for_user(*, user: User, today: date) -> list[Meeting]:
    """The user's meetings from Monday to Sunday of the week of `today`, in local time."""
    monday = today - timedelta(days=today.weekday())
    start = timezone.make_aware(datetime.combine(monday, time.min))
    end = start + timedelta(days=7)
    own = Meeting.participants.through.objects.filter(user=user).values("meeting_id")
    qs = Meeting.objects.filter(Q(organiser=user) | Q(pk__in=own))
    return list(qs.filter(starts_at__gte=start, starts_at__lt=end).order_by("starts_at"))


def meeting_get_for_user(*, user: User, pk: int) -> Meeting | None:
    return meeting_list_for_user(user=user).filter(pk=pk).first()


def meeting_can_edit(*, user: User, meeting: Meeting) -> bool:
    return user.is_extranet_admin or meeting.organiser_id == user.pk


def action_list_for_user(*, user: User) -> QuerySet[ActionItem]:
    """Actions of visible meetings, plus loose actions the user owns or created."""
    actions = ActionItem.objects.select_related("owner", "meeting")
    if user.is_extranet_admin:
        return actions
    visible = meeting_list_for_user(user=user).values("pk")
    return actions.filter(Q(meeting__in=visible) | Q(owner=user) | Q(created_by=user))


def action_get_for_user(*, user: User, pk: int) -> ActionItem | None:
    return action_list_for_user(user=user).filter(pk=pk).first()


def action_open_for_owner(*, user: User) -> QuerySet[ActionItem]:
    return (
        ActionItem.objects.filter(owner=user, status=ActionItem.Status.OPEN)
        .select_related("meeting")
        .order_by("due_date", "id")
    )


@dataclass(frozen=True)
class ActionFilter:
    owner_id: int | None = None
    status: str | None = None


def action_plan(*, actions: QuerySet[ActionItem], filters: ActionFilter) -> QuerySet[ActionItem]:
    if filters.owner_id is not None:
        actions = actions.filter(owner_id=filters.owner_id)
    if filters.status:
        actions = actions.filter(status=filters.status)
    return actions.order_by("status", "due_date", "id")

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.models import User
from meetings.models import Meeting
from surveys.models import MIN_ANSWERS, QUESTIONS, SurveyInvitation, SurveyResponse

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

QUESTION_KEYS = [key for key, _label in QUESTIONS]
NOTICE_DAYS = 30


@dataclass(frozen=True)
class Scores:
    """Sums and a count, so scores from several places combine exactly."""

    count: int = 0
    sums: dict[str, int] = field(default_factory=dict)

    def __add__(self, other: Scores) -> Scores:
        keys = set(self.sums) | set(other.sums)
        return Scores(
            count=self.count + other.count,
            sums={k: self.sums.get(k, 0) + other.sums.get(k, 0) for k in keys},
        )

    @property
    def enough(self) -> bool:
        return self.count >= MIN_ANSWERS

    @property
    def averages(self) -> dict[str, float] | None:
        """Per-question average, or None below the anonymity threshold."""
        if not self.enough:
            return None
        return {k: round(self.sums.get(k, 0) / self.count, 2) for k in QUESTION_KEYS}

    @property
    def overall(self) -> float | None:
        if not self.enough:
            return None
        return round(sum(self.sums.get(k, 0) for k in QUESTION_KEYS) / (4 * self.count), 2)

    @property
    def rows(self) -> list[tuple[str, StrOrPromise, float | None]]:
        averages = self.averages or {}
        return [(k, label, averages.get(k)) for k, label in QUESTIONS]


def _sum_kwargs() -> dict:
    return {k: Sum(k) for k in QUESTION_KEYS}


def _scores(row: Mapping[str, Any]) -> Scores:
    return Scores(count=row["count"], sums={k: row[k] or 0 for k in QUESTION_KEYS})


def survey_scores(*, responses: QuerySet[SurveyResponse]) -> Scores:
    return _scores(responses.aggregate(count=Count("id"), **_sum_kwargs()))


@dataclass(frozen=True)
class MeetingSummary:
    meeting: Meeting
    invited: int
    scores: Scores
    comments: list[str] | None  # None below the anonymity threshold


def survey_summary_for_meeting(*, meeting: Meeting) -> MeetingSummary:
    responses = SurveyResponse.objects.filter(meeting=meeting)
    scores = survey_scores(responses=responses)
    comments = None
    if scores.enough:
        # Alphabetical, not by time: the order must not hint at who answered when.
        comments = list(
            responses.exclude(comment="").order_by("comment").values_list("comment", flat=True)
        )
    return MeetingSummary(
        meeting=meeting,
        invited=SurveyInvitation.objects.filter(meeting=meeting).count(),
        scores=scores,
        comments=comments,
    )


def survey_meetings_for_results(*, user: User) -> QuerySet[Meeting]:
    """Organisers see the results of their meetings; extranet admins those of all meetings."""
    meetings = Meeting.objects.all()
    return meetings if user.is_extranet_admin else meetings.filter(organiser=user)


def survey_monthly_scores(*, meetings: QuerySet[Meeting]) -> list[tuple[date, Scores]]:
    rows = (
        SurveyResponse.objects.filter(meeting__in=meetings)
        .annotate(month=TruncMonth("meeting__starts_at"))
        .values("month")
        .annotate(count=Count("id"), **_sum_kwargs())
        .order_by("-month")
    )
    return [(row["month"].date(), _scores(row)) for row in rows]


def survey_monthly_scores_of_shown_meetings(
    *, meetings: QuerySet[Meeting]
) -> list[tuple[date, Scores]]:
    """Months summed over the meetings that reach the threshold only: with a hidden meeting in
    it, a month total minus the shown meetings would give that meeting's few answers."""
    shown = (
        SurveyResponse.objects.filter(meeting__in=meetings)
        .values("meeting")
        .annotate(count=Count("id"))
        .filter(count__gte=MIN_ANSWERS)
        .values("meeting")
    )
    return survey_monthly_scores(meetings=meetings.filter(pk__in=shown))


def survey_meeting_scores(*, meetings: QuerySet[Meeting]) -> list[tuple[Meeting, Scores]]:
    rows = (
        SurveyResponse.objects.filter(meeting__in=meetings)
        .values("meeting")
        .annotate(count=Count("id"), **_sum_kwargs())
    )
    by_meeting = {row["meeting"]: _scores(row) for row in rows}
    ordered = Meeting.objects.filter(pk__in=by_meeting).order_by("-starts_at")
    return [(m, by_meeting[m.pk]) for m in ordered]


def survey_score_trend(*, user: User, months: int = 12) -> list[tuple[date, float]]:
    """(month, overall score out of 5) of the meetings whose results the user may see, oldest
    first; only meetings over the anonymity threshold count, as on the results page."""
    meetings = survey_meetings_for_results(user=user)
    monthly = survey_monthly_scores_of_shown_meetings(meetings=meetings)[:months]
    # overall is None exactly when not enough answers
    return [(month, o) for month, s in reversed(monthly) if (o := s.overall) is not None]


def survey_pending_for_user(*, user: User) -> QuerySet[SurveyInvitation]:
    """Recent invitations the user has not answered yet (the dashboard notice)."""
    answered = SurveyResponse.objects.filter(meeting=OuterRef("meeting"), respondent=user)
    since = timezone.now() - timedelta(days=NOTICE_DAYS)
    return (
        SurveyInvitation.objects.filter(user=user, created_at__gte=since)
        .exclude(Exists(answered))
        .select_related("meeting")
        .order_by("-meeting__starts_at")
    )


def survey_invitation_for_user(*, user: User, pk: int) -> SurveyInvitation | None:
    return SurveyInvitation.objects.filter(user=user, pk=pk).select_related("meeting").first()


def survey_response_exists(*, invitation: SurveyInvitation) -> bool:
    return SurveyResponse.objects.filter(
        meeting_id=invitation.meeting_id, respondent_id=invitation.user_id
    ).exists()


def survey_invitation_unsent_list(*, ids: list[int]) -> QuerySet[SurveyInvitation]:
    """Of these invitations, those not emailed yet to an active member (erased ones included:
    the sender skips them)."""
    return SurveyInvitation.objects.filter(
        pk__in=ids, emailed_at__isnull=True, user__is_active=True
    ).select_related("meeting", "user")

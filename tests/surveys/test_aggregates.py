"""Aggregates computed from known inputs."""

from datetime import datetime

import pytest
from django.utils import timezone

from meetings.models import Meeting
from surveys.selectors import (
    Scores,
    survey_meeting_scores,
    survey_monthly_scores,
    survey_summary_for_meeting,
)
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory
from tests.support.tenants import in_schema
from tests.surveys.factories import ResponseFactory


def _at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 10))


def _answer(meeting, p, t, d, a, comment=""):
    return ResponseFactory(
        meeting=meeting,
        respondent=UserFactory(),
        preparation=p,
        time_keeping=t,
        decisions=d,
        action_clarity=a,
        comment=comment,
    )


@pytest.fixture
def answered(acme):
    with in_schema(acme):
        march = MeetingFactory(starts_at=_at(2026, 3, 10))
        march2 = MeetingFactory(starts_at=_at(2026, 3, 24))
        april = MeetingFactory(starts_at=_at(2026, 4, 2))
        _answer(march, 5, 4, 3, 2)
        _answer(march, 3, 4, 5, 4)
        _answer(march, 1, 4, 4, 3, comment="Started late")
        _answer(march2, 2, 2, 2, 2)
        _answer(april, 5, 5, 5, 5)
        return march, march2, april


def test_meeting_summary_averages(acme, answered):
    with in_schema(acme):
        summary = survey_summary_for_meeting(meeting=answered[0])
    assert summary.scores.count == 3
    assert summary.scores.averages == {
        "preparation": 3.0,
        "time_keeping": 4.0,
        "decisions": 4.0,
        "action_clarity": 3.0,
    }
    assert summary.scores.overall == 3.5  # (9 + 12 + 12 + 9) / 12
    assert summary.comments == ["Started late"]


def test_monthly_sums_combine_meetings_of_the_month(acme, answered):
    with in_schema(acme):
        months = dict(survey_monthly_scores(meetings=Meeting.objects.all()))
    march = months[datetime(2026, 3, 1).date()]
    assert march.count == 4
    assert march.sums == {
        "preparation": 11,
        "time_keeping": 14,
        "decisions": 14,
        "action_clarity": 11,
    }
    assert march.overall == 3.12  # 50 / 16 = 3.125, rounded half to even
    april = months[datetime(2026, 4, 1).date()]
    assert april.count == 1
    assert april.averages is None and april.overall is None


def test_per_meeting_scores_hide_small_meetings(acme, answered):
    with in_schema(acme):
        rows = {m.pk: s for m, s in survey_meeting_scores(meetings=Meeting.objects.all())}
    assert rows[answered[0].pk].overall == 3.5
    assert rows[answered[1].pk].count == 1 and rows[answered[1].pk].overall is None


def test_scores_add_exactly():
    a = Scores(
        count=2, sums={"preparation": 7, "time_keeping": 8, "decisions": 6, "action_clarity": 5}
    )
    b = Scores(
        count=1, sums={"preparation": 2, "time_keeping": 1, "decisions": 3, "action_clarity": 4}
    )
    total = a + b
    assert total.count == 3
    assert total.averages == {
        "preparation": 3.0,
        "time_keeping": 3.0,
        "decisions": 3.0,
        "action_clarity": 3.0,
    }

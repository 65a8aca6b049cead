"""Scores and comments of a meeting appear only from 3 answers on (MIN_ANSWERS)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from surveys.models import MIN_ANSWERS
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory
from tests.support.http import login_as
from tests.support.tenants import in_schema
from tests.surveys.factories import ResponseFactory

COMMENTS = ["Alpha remark", "Bravo remark", "Charlie remark"]


@pytest.fixture
def past_meeting(acme, acme_people):
    with in_schema(acme):
        return MeetingFactory(
            organiser=acme_people["organiser"],
            participants=[acme_people["participant"]],
            starts_at=timezone.now() - timedelta(days=2),
        )


def _answers(acme, meeting, n):
    with in_schema(acme):
        for i in range(n):
            ResponseFactory(meeting=meeting, respondent=UserFactory(), comment=COMMENTS[i])


def test_threshold_is_three():
    assert MIN_ANSWERS == 3


def test_below_threshold_no_scores_and_no_comments(acme, acme_client, acme_people, past_meeting):
    _answers(acme, past_meeting, 2)
    login_as(acme_client, acme, acme_people["organiser"])
    html = acme_client.get(f"/meetings/{past_meeting.pk}/").text
    assert "2 of 0 invited participants answered." in html
    assert "Alpha remark" not in html and "Bravo remark" not in html
    assert "Overall" not in html
    results = acme_client.get("/surveys/results/").text
    assert "Alpha remark" not in results
    assert "Shown from 3 answers" in results


def test_at_threshold_scores_and_comments_for_organiser(
    acme, acme_client, acme_people, past_meeting
):
    _answers(acme, past_meeting, 3)
    login_as(acme_client, acme, acme_people["organiser"])
    html = acme_client.get(f"/meetings/{past_meeting.pk}/").text
    assert all(c in html for c in COMMENTS)
    assert "Overall" in html


def test_participants_never_see_others_answers(acme, acme_client, acme_people, past_meeting):
    _answers(acme, past_meeting, 3)
    login_as(acme_client, acme, acme_people["participant"])
    html = acme_client.get(f"/meetings/{past_meeting.pk}/").text
    assert "Alpha remark" not in html
    assert "Overall" not in html
    assert past_meeting.title not in acme_client.get("/surveys/results/").text


def test_admin_sees_every_meetings_results(acme, acme_client, acme_people, past_meeting):
    _answers(acme, past_meeting, 3)
    login_as(acme_client, acme, acme_people["admin"])
    assert past_meeting.title in acme_client.get("/surveys/results/").text
    assert "Charlie remark" in acme_client.get(f"/meetings/{past_meeting.pk}/").text


def test_a_hidden_meeting_does_not_count_in_its_month(acme, acme_client, acme_people, past_meeting):
    """Otherwise month total minus the shown meetings gives the hidden meeting's one answer."""
    _answers(acme, past_meeting, 3)
    with in_schema(acme):
        lone = MeetingFactory(
            organiser=acme_people["organiser"],
            starts_at=past_meeting.starts_at + timedelta(hours=1),
        )
        ResponseFactory(meeting=lone, preparation=1, time_keeping=1, decisions=1, action_clarity=1)
    login_as(acme_client, acme, acme_people["organiser"])
    response = acme_client.get("/surveys/results/")
    monthly = dict(response.context["monthly"])
    assert sum(scores.count for scores in monthly.values()) == 3
    assert all(scores.overall == 3 for scores in monthly.values())

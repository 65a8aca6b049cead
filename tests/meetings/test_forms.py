"""Bad input gets a clear, translated error; nothing is saved; what was typed stays."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import AuditEvent
from meetings.models import ActionItem, Meeting
from tests.meetings.factories import MeetingFactory
from tests.support.http import login_as
from tests.support.tenants import in_schema


def _when(days=3, hour=10):
    day = timezone.localdate() + timedelta(days=days)
    return f"{day:%Y-%m-%d}T{hour:02d}:00"


@pytest.fixture
def organiser_client(acme, acme_client, acme_people):
    return login_as(acme_client, acme, acme_people["organiser"])


def _meeting_data(people, **overrides):
    data = {
        "title": "Roadmap review",
        "starts_at": _when(hour=10),
        "ends_at": _when(hour=11),
        "location": "Room 4",
        "participants": [people["participant"].pk],
        "agenda": "Intro\n\nFigures\n",
    }
    data.update(overrides)
    return data


def _count(acme, model):
    with in_schema(acme):
        return model.objects.count()


def test_valid_meeting_is_created_with_organiser_agenda_and_audit(
    acme, organiser_client, acme_people
):
    response = organiser_client.post("/meetings/new/", _meeting_data(acme_people))
    assert response.status_code == 302
    with in_schema(acme):
        meeting = Meeting.objects.get(title="Roadmap review")
        assert meeting.organiser == acme_people["organiser"]
        assert set(meeting.participants.all()) == {
            acme_people["organiser"],
            acme_people["participant"],
        }
        assert [a.title for a in meeting.agenda_items.all()] == ["Intro", "Figures"]
        event = AuditEvent.objects.get(action="meetings.meeting_created", object_id=meeting.pk)
        assert "participants" in event.data["fields"]
        assert "Roadmap review" not in str(event.data)


def test_end_before_start_is_refused_and_input_kept(acme, organiser_client, acme_people):
    before = _count(acme, Meeting)
    response = organiser_client.post(
        "/meetings/new/", _meeting_data(acme_people, ends_at=_when(hour=9))
    )
    assert response.status_code == 200
    assert "The end must be after the start." in response.text
    assert 'value="Roadmap review"' in response.text
    assert 'value="Room 4"' in response.text
    assert _count(acme, Meeting) == before


def test_error_is_in_the_users_language(organiser_client, acme_people):
    response = organiser_client.post(
        "/meetings/new/",
        _meeting_data(acme_people, ends_at=_when(hour=9)),
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert "La fin doit être postérieure au début." in response.text
    response = organiser_client.post(
        "/meetings/new/",
        _meeting_data(acme_people, ends_at=_when(hour=9)),
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert "Het einde moet na het begin liggen." in response.text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("starts_at", "2026-02-31T10:00", "Enter a valid date/time."),
        ("starts_at", "tomorrow", "Enter a valid date/time."),
        ("starts_at", "1900-01-01T10:00", "Choose a date between"),
        ("title", "x" * 201, "Ensure this value has at most 200 characters (it has 201)."),
        ("minutes", "y" * 20001, "at most 20000 characters"),
        ("agenda", "z" * 201, "Topic 1 is longer than 200 characters."),
        ("video_url", "not a link", "Enter a valid URL."),
    ],
)
def test_bad_meeting_input_gets_a_clear_error(
    field, value, message, acme, organiser_client, acme_people
):
    before = _count(acme, Meeting)
    response = organiser_client.post("/meetings/new/", _meeting_data(acme_people, **{field: value}))
    assert response.status_code == 200
    assert message in response.text
    assert _count(acme, Meeting) == before


def test_too_long_meeting_is_refused(organiser_client, acme_people):
    response = organiser_client.post(
        "/meetings/new/", _meeting_data(acme_people, ends_at=_when(days=4, hour=10))
    )
    assert "A meeting can last at most 12 hours." in response.text


def test_invalid_edit_changes_nothing(acme, organiser_client, acme_people):
    with in_schema(acme):
        meeting = MeetingFactory(title="Original", organiser=acme_people["organiser"])
    data = _meeting_data(acme_people, title="Changed", ends_at=_when(hour=9))
    response = organiser_client.post(f"/meetings/{meeting.pk}/edit/", data)
    assert "The end must be after the start." in response.text
    assert 'value="Changed"' in response.text
    with in_schema(acme):
        assert Meeting.objects.get(pk=meeting.pk).title == "Original"


@pytest.fixture
def meeting(acme, acme_people):
    with in_schema(acme):
        return MeetingFactory(
            organiser=acme_people["organiser"], participants=[acme_people["participant"]]
        )


def _action_data(for_meeting, owner, **overrides):
    data = {
        "description": "Send the figures",
        "owner": owner.pk,
        "due_date": f"{timezone.localdate() + timedelta(days=5):%Y-%m-%d}",
        "status": "open",
        "meeting": for_meeting.pk,
    }
    data.update(overrides)
    return data


def test_valid_action_is_created(acme, organiser_client, acme_people, meeting):
    response = organiser_client.post(
        "/actions/new/", _action_data(meeting, acme_people["participant"])
    )
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{meeting.pk}/actions/"
    with in_schema(acme):
        action = ActionItem.objects.get(description="Send the figures")
        assert action.owner == acme_people["participant"]
        assert action.created_by == acme_people["organiser"]
        assert AuditEvent.objects.filter(
            action="meetings.action_created", object_id=action.pk
        ).exists()


def test_owner_must_be_a_participant(acme, organiser_client, acme_people, meeting):
    response = organiser_client.post(
        "/actions/new/", _action_data(meeting, acme_people["outsider"])
    )
    assert response.status_code == 200
    assert "The owner must be a participant of the meeting." in response.text
    assert "Send the figures" in response.text
    assert _count(acme, ActionItem) == 0


def test_loose_action_can_be_owned_by_anyone(acme, organiser_client, acme_people, meeting):
    data = _action_data(meeting, acme_people["outsider"], meeting="")
    assert organiser_client.post("/actions/new/", data).status_code == 302


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"due_date": "2026-13-01"}, "Enter a valid date."),
        ({"due_date": "3000-01-01"}, "Choose a date between"),
        ({"description": "d" * 501}, "at most 500 characters"),
        ({"description": ""}, "This field is required."),
        ({"status": "lost"}, "Select a valid choice."),
    ],
)
def test_bad_action_input_gets_a_clear_error(
    overrides, message, acme, organiser_client, acme_people, meeting
):
    data = _action_data(meeting, acme_people["participant"], **overrides)
    response = organiser_client.post("/actions/new/", data)
    assert response.status_code == 200
    assert message in response.text
    assert _count(acme, ActionItem) == 0


def test_due_date_before_the_meeting_is_refused(acme, organiser_client, acme_people, meeting):
    day = timezone.localtime(meeting.starts_at).date() - timedelta(days=2)
    data = _action_data(meeting, acme_people["participant"], due_date=f"{day:%Y-%m-%d}")
    response = organiser_client.post("/actions/new/", data)
    assert "The due date cannot be before the meeting." in response.text


def test_non_participant_cannot_attach_an_action_to_a_hidden_meeting(
    acme, acme_client, acme_people, meeting
):
    login_as(acme_client, acme, acme_people["outsider"])
    data = _action_data(meeting, acme_people["outsider"])
    response = acme_client.post("/actions/new/", data)
    assert response.status_code == 200
    assert "Select a valid choice." in response.text
    assert _count(acme, ActionItem) == 0

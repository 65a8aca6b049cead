"""Who sees which meeting: participants, organiser, extranet admins; never another extranet."""

import pytest

from accounts.models import User
from tests.factories import UserFactory
from tests.meetings.factories import ActionFactory, MeetingFactory
from tests.support.http import login_as
from tests.support.tenants import in_schema


@pytest.fixture
def meeting(acme, acme_people):
    with in_schema(acme):
        return MeetingFactory(
            title="Board prep",
            organiser=acme_people["organiser"],
            participants=[acme_people["participant"]],
        )


@pytest.mark.parametrize("who", ["organiser", "participant", "admin"])
def test_people_involved_and_admins_see_the_meeting(who, acme, acme_client, acme_people, meeting):
    login_as(acme_client, acme, acme_people[who])
    response = acme_client.get(f"/meetings/{meeting.pk}/")
    assert response.status_code == 200
    assert "Board prep" in response.text
    assert "Board prep" in acme_client.get("/meetings/").text


def test_non_participant_gets_404_and_no_trace_in_lists(acme, acme_client, acme_people, meeting):
    login_as(acme_client, acme, acme_people["outsider"])
    assert acme_client.get(f"/meetings/{meeting.pk}/").status_code == 404
    assert acme_client.get(f"/meetings/{meeting.pk}/actions/").status_code == 404
    assert acme_client.get(f"/meetings/{meeting.pk}/edit/").status_code == 404
    assert "Board prep" not in acme_client.get("/meetings/").text


def test_action_of_a_meeting_is_hidden_from_non_participants(
    acme, acme_client, acme_people, meeting
):
    with in_schema(acme):
        action = ActionFactory(
            description="Secret follow-up", owner=acme_people["participant"], meeting=meeting
        )
    login_as(acme_client, acme, acme_people["outsider"])
    assert acme_client.get(f"/actions/{action.pk}/edit/").status_code == 404
    assert "Secret follow-up" not in acme_client.get("/actions/").text
    login_as(acme_client, acme, acme_people["participant"])
    assert "Secret follow-up" in acme_client.get("/actions/").text


def test_only_organiser_and_admin_edit(acme, acme_client, acme_people, meeting):
    login_as(acme_client, acme, acme_people["participant"])
    assert acme_client.get(f"/meetings/{meeting.pk}/edit/").status_code == 403
    for who in ("organiser", "admin"):
        login_as(acme_client, acme, acme_people[who])
        assert acme_client.get(f"/meetings/{meeting.pk}/edit/").status_code == 200


def test_anonymous_is_sent_to_login(acme_client, meeting):
    response = acme_client.get(f"/meetings/{meeting.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_globex_admin_cannot_reach_acme_meeting_even_with_same_ids(
    acme, globex, globex_client, meeting
):
    with in_schema(globex):
        # Same primary key as the acme organiser: ids alone must not open anything.
        admin = UserFactory(username="gina", is_extranet_admin=True, pk=meeting.organiser_id)
    login_as(globex_client, globex, admin)
    assert globex_client.get(f"/meetings/{meeting.pk}/").status_code == 404
    assert "Board prep" not in globex_client.get("/meetings/").text
    assert "Board prep" not in globex_client.get("/").text


def test_acme_meeting_rows_are_absent_from_globex_schema(acme, globex, meeting):
    from meetings.models import Meeting

    with in_schema(globex):
        assert not Meeting.objects.filter(title="Board prep").exists()


def test_meeting_of_an_erased_organiser_stays_and_shows_former_user(
    acme, acme_client, acme_people, meeting
):
    with in_schema(acme):
        organiser = acme_people["organiser"]
        User.objects.filter(pk=organiser.pk).update(
            username=f"{User.ERASED_PREFIX}{organiser.pk}", first_name="", last_name=""
        )
    login_as(acme_client, acme, acme_people["admin"])
    response = acme_client.get(f"/meetings/{meeting.pk}/")
    assert response.status_code == 200
    assert "Former user" in response.text
    assert "olga" not in response.text


def test_deleting_an_organiser_row_keeps_the_meeting(acme, acme_people, meeting):
    from meetings.models import Meeting

    with in_schema(acme):
        acme_people["organiser"].delete()
        assert Meeting.objects.get(pk=meeting.pk).organiser is None


def test_participant_updates_an_action_of_the_meeting_and_it_is_audited(
    acme, acme_client, acme_people, meeting
):
    from core.models import AuditEvent
    from meetings.models import ActionItem

    with in_schema(acme):
        action = ActionFactory(owner=acme_people["organiser"], meeting=meeting)
    login_as(acme_client, acme, acme_people["participant"])
    data = {
        "description": action.description,
        "owner": acme_people["organiser"].pk,
        "due_date": f"{action.due_date:%Y-%m-%d}",
        "status": "done",
        "meeting": meeting.pk,
    }
    assert acme_client.post(f"/actions/{action.pk}/edit/", data).status_code == 302
    with in_schema(acme):
        assert ActionItem.objects.get(pk=action.pk).status == "done"
        event = AuditEvent.objects.get(action="meetings.action_updated", object_id=action.pk)
        assert event.data == {"fields": ["status"]}
        assert event.actor_id == acme_people["participant"].pk


@pytest.mark.parametrize(
    "url",
    [
        "/meetings/99999999999999999999999/",
        "/actions/99999999999999999999999/edit/",
        "/surveys/99999999999999999999999/",
    ],
)
def test_out_of_range_ids_are_404_not_500(url, acme, acme_client, acme_people):
    login_as(acme_client, acme, acme_people["admin"])
    assert acme_client.get(url).status_code == 404


def test_out_of_range_filter_and_prefill_values_are_harmless(
    acme, acme_client, acme_people, meeting
):
    login_as(acme_client, acme, acme_people["admin"])
    huge = "99999999999999999999999"
    assert acme_client.get(f"/actions/new/?meeting={huge}").status_code == 200
    response = acme_client.get(f"/meetings/{meeting.pk}/actions/?owner={huge}")
    assert response.status_code == 200
    assert acme_client.get(f"/actions/?owner={huge}&page=x").status_code == 200

import pytest

from meetings.models import ActionItem
from tests.meetings.factories import ActionFactory, MeetingFactory
from tests.support.http import login_as
from tests.support.tenants import in_schema


@pytest.fixture
def plan(acme, acme_people):
    org, par = acme_people["organiser"], acme_people["participant"]
    with in_schema(acme):
        meeting = MeetingFactory(organiser=org, participants=[par])
        ActionFactory(description="Org open", owner=org, meeting=meeting)
        ActionFactory(description="Par open", owner=par, meeting=meeting)
        ActionFactory(
            description="Par done", owner=par, meeting=meeting, status=ActionItem.Status.DONE
        )
        ActionFactory(description="Other meeting", owner=par)
    return meeting


def _texts(client, url):
    html = client.get(url).text
    return {t for t in ("Org open", "Par open", "Par done", "Other meeting") if t in html}


def test_action_plan_filters_by_owner_and_status(acme, acme_client, acme_people, plan):
    login_as(acme_client, acme, acme_people["participant"])
    base = f"/meetings/{plan.pk}/actions/"
    par = acme_people["participant"].pk
    assert _texts(acme_client, base) == {"Org open", "Par open", "Par done"}
    assert _texts(acme_client, f"{base}?owner={par}") == {"Par open", "Par done"}
    assert _texts(acme_client, f"{base}?owner={par}&status=done") == {"Par done"}
    assert _texts(acme_client, f"{base}?status=open") == {"Org open", "Par open"}


def test_bad_filter_values_do_not_break_the_page(acme, acme_client, acme_people, plan):
    login_as(acme_client, acme, acme_people["participant"])
    response = acme_client.get(f"/meetings/{plan.pk}/actions/?owner=abc&status=lost")
    assert response.status_code == 200
    assert "Select a valid choice." in response.text


@pytest.mark.parametrize("meeting", ["²", "abc", "99999999999999999999999", ""])
def test_a_bad_meeting_id_on_the_new_action_page_is_ignored(
    acme, acme_client, acme_people, meeting
):
    login_as(acme_client, acme, acme_people["participant"])
    assert acme_client.get(f"/actions/new/?meeting={meeting}").status_code == 200

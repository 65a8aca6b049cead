from datetime import timedelta

from django.utils import timezone

from meetings.models import ActionItem
from tests.meetings.factories import ActionFactory, MeetingFactory
from tests.support.http import login_as
from tests.support.tenants import in_schema


def test_dashboard_shows_my_open_actions_flags_overdue_and_upcoming_meetings(
    acme, acme_client, acme_people
):
    me, other = acme_people["participant"], acme_people["organiser"]
    today = timezone.localdate()
    with in_schema(acme):
        ActionFactory(description="Late report", owner=me, due_date=today - timedelta(days=2))
        ActionFactory(description="Future task", owner=me, due_date=today + timedelta(days=2))
        ActionFactory(
            description="Finished task", owner=me, status=ActionItem.Status.DONE, due_date=today
        )
        ActionFactory(description="Someone else's", owner=other)
        MeetingFactory(title="Tomorrow's sync", organiser=other, participants=[me])
        MeetingFactory(
            title="Last week's sync",
            organiser=other,
            participants=[me],
            starts_at=timezone.now() - timedelta(days=7),
        )
        MeetingFactory(title="Not my meeting", organiser=other)
    login_as(acme_client, acme, me)
    html = acme_client.get("/").text
    assert "Late report" in html and "Future task" in html
    assert "Finished task" not in html and "Someone else's" not in html
    assert html.count("Overdue") == 1
    assert html.index("Late report") < html.index("Overdue") < html.index("Future task")
    assert "Tomorrow&#x27;s sync" in html
    assert "Last week" not in html and "Not my meeting" not in html


def test_nav_links_to_meetings_and_actions(acme, acme_client, acme_people):
    login_as(acme_client, acme, acme_people["participant"])
    html = acme_client.get("/").text
    assert 'href="/meetings/"' in html and 'href="/actions/"' in html

"""Dashboard (issue 15): this week's meetings, actions past their date, the last survey score
and a server-drawn SVG chart of scores per month."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from surveys.charts import score_chart_svg
from tests.meetings.factories import ActionFactory, MeetingFactory
from tests.support.http import login_as
from tests.support.tenants import in_schema
from tests.surveys.factories import ResponseFactory


def _at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def test_this_week_lists_my_meetings_from_monday_to_sunday(acme, acme_client, acme_people):
    me, other = acme_people["participant"], acme_people["organiser"]
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    with in_schema(acme):
        MeetingFactory(title="Monday kick-off", organiser=me, starts_at=_at(monday, 8))
        MeetingFactory(
            title="Sunday review",
            organiser=other,
            participants=[me],
            starts_at=_at(monday + timedelta(days=6), 20),
        )
        MeetingFactory(
            title="Next Monday", organiser=me, starts_at=_at(monday + timedelta(days=7), 8)
        )
        MeetingFactory(
            title="Last Sunday", organiser=me, starts_at=_at(monday - timedelta(days=1), 20)
        )
        MeetingFactory(title="Not mine", organiser=other, starts_at=_at(monday, 9))
    login_as(acme_client, acme, me)
    html = acme_client.get("/").text
    week = html[html.index('id="week-title"') : html.index('id="actions-title"')]
    assert "Monday kick-off" in week and "Sunday review" in week
    assert "Next Monday" not in week and "Last Sunday" not in week and "Not mine" not in week
    assert "2</span> meetings this week" in html


def test_actions_past_their_date_are_counted(acme, acme_client, acme_people):
    me = acme_people["participant"]
    today = timezone.localdate()
    with in_schema(acme):
        ActionFactory(owner=me, due_date=today - timedelta(days=1))
        ActionFactory(owner=me, due_date=today)
    login_as(acme_client, acme, me)
    html = acme_client.get("/").text
    assert '<li class="card stat-late"><span class="stat">1</span> action past its due date' in html


def test_the_last_score_and_a_chart_of_scores_per_month(acme, acme_client, acme_people):
    organiser = acme_people["organiser"]
    now = timezone.now()
    with in_schema(acme):
        for months_ago, score in ((2, 2), (1, 4)):
            meeting = MeetingFactory(
                organiser=organiser, starts_at=now - timedelta(days=31 * months_ago)
            )
            for _ in range(3):
                ResponseFactory(
                    meeting=meeting,
                    preparation=score,
                    time_keeping=score,
                    decisions=score,
                    action_clarity=score,
                )
    login_as(acme_client, acme, organiser)
    html = acme_client.get("/").text
    assert '<span class="stat">4.0<small>/5</small></span>' in html
    assert '<svg class="score-chart"' in html and html.count('class="chart-dot"') == 2


def test_no_score_below_the_anonymity_threshold(acme, acme_client, acme_people):
    organiser = acme_people["organiser"]
    with in_schema(acme):
        meeting = MeetingFactory(organiser=organiser, starts_at=timezone.now() - timedelta(days=3))
        ResponseFactory(meeting=meeting, preparation=1)
        ResponseFactory(meeting=meeting, preparation=1)
    login_as(acme_client, acme, organiser)
    html = acme_client.get("/").text
    assert "no survey score yet" in html and "score-chart" not in html


def test_the_chart_puts_higher_scores_higher_and_escapes_its_text():
    from datetime import date

    svg = str(
        score_chart_svg(
            points=[(date(2026, 1, 1), 1.0), (date(2026, 2, 1), 5.0)], title="<script>x</script>"
        )
    )
    low, high = [float(p.split(",")[1]) for p in svg.split('points="')[1].split('"')[0].split()]
    assert high < low  # SVG y grows downwards
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "January 2026: 1.0, February 2026: 5.0" in svg

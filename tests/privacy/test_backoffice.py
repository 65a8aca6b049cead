"""The request page puts the work first (status, deadline with the days left, buttons,
timeline), renders the outcome as a list and every time in Paris with its zone; the SLA
report counts the month's requests per type."""

import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

from privacy import services
from privacy.models import SubjectRequest
from privacy.selectors import request_sla_report

PARIS = ZoneInfo("Europe/Paris")
Status = SubjectRequest.Status


def _page(client, subject_request) -> str:
    url = f"/admin/privacy/subjectrequest/{subject_request.pk}/change/"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_status_deadline_buttons_and_timeline_come_before_the_fields(db, staff_client, staff_user):
    subject_request = services.request_file_public(type="access", email="top@example.org")
    services.request_verify(subject_request=subject_request, actor=staff_user)
    subject_request.refresh_from_db()
    left = (subject_request.due_date - timezone.localdate()).days
    html = _page(staff_client, subject_request)
    first_field = html.index("field-type")
    for marker in ('id="privacy-state"', f"{left} days left", "/approve/", 'id="privacy-timeline"'):
        assert marker in html and html.index(marker) < first_field, marker
    timeline = html.split('id="privacy-timeline"')[1].split("</section>")[0]
    assert timeline.index("received") < timeline.index("verified")


def test_an_overdue_request_says_by_how_many_days(db, staff_client):
    subject_request = SubjectRequest.objects.create(
        type="access",
        email="late@example.org",
        status=Status.VERIFIED,
        due_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    assert "3 days overdue" in _page(staff_client, subject_request)


def test_every_time_is_in_paris_with_its_zone(db, staff_client, staff_user):
    with time_machine.travel(datetime.datetime(2026, 7, 1, 10, 0, tzinfo=datetime.UTC)):
        summer = services.request_file_public(type="question", email="t@example.org")
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC)):
        services.request_verify(subject_request=summer, actor=staff_user)
    html = _page(staff_client, summer)
    assert "2026-07-01 12:00 CEST" in html  # received, in the fields and the timeline
    assert html.count("2026-07-01 12:00 CEST") >= 2
    assert "2026-12-01 11:00 CET" in html  # verified, in winter
    assert "10:00" not in html and "UTC" not in html


def test_the_outcome_is_a_readable_list(db, staff_client, staff_user):
    from tests.support.privacy import request_through

    done = request_through(email="o@example.org", type="objection_prospecting", actor=staff_user)
    html = _page(staff_client, done)
    outcome = html.split('class="privacy-outcome"')[1].split("</ul>")[0]
    assert "Added to the suppression list (objection_prospecting)" in outcome
    assert '{"suppression"' not in html and "{&quot;suppression" not in html


def _verified(type, *, on, due, closed=None, extended=None):
    return SubjectRequest.objects.create(
        type=type,
        email="sla@example.org",
        status=Status.COMPLETED if closed else Status.VERIFIED,
        verified_at=datetime.datetime.combine(on, datetime.time(12), PARIS),
        due_date=due,
        extended_due_date=extended,
        closed_at=datetime.datetime.combine(closed, datetime.time(12), PARIS) if closed else None,
    )


def test_the_monthly_sla_report_counts_per_type(db, staff_client):
    d = datetime.date
    _verified("access", on=d(2026, 3, 2), due=d(2026, 4, 2), closed=d(2026, 3, 20))  # on time
    _verified("access", on=d(2026, 3, 5), due=d(2026, 4, 5), closed=d(2026, 4, 9))  # late
    _verified("access", on=d(2026, 3, 9), due=d(2026, 4, 9))  # open, overdue on 2026-05-01
    _verified(
        "erasure",
        on=d(2026, 3, 30),
        due=d(2026, 4, 30),
        extended=d(2026, 6, 30),
    )  # extended, open within the deadline
    _verified("erasure", on=d(2026, 4, 1), due=d(2026, 5, 1))  # another month
    SubjectRequest.objects.create(type="access", email="never@example.org")  # never verified
    report = request_sla_report(year=2026, month=3, today=d(2026, 5, 1))
    lines = {line["type"]: line for line in report["lines"]}
    access, erasure = lines["access to my data"], lines["erasure of my data"]
    assert (access["received"], access["on_time"], access["overdue"], access["open"]) == (
        3,
        1,
        2,
        0,
    )
    assert (erasure["received"], erasure["extended"], erasure["open"]) == (1, 1, 1)
    assert report["total"]["received"] == 4 and report["total"]["overdue"] == 2
    page = staff_client.get("/admin/privacy/subjectrequest/sla/?month=2026-03")
    assert page.status_code == 200 and 'id="privacy-sla"' in page.content.decode()
    for bad in ("nonsense", "0001-01", "9999-12", "2026-13"):
        response = staff_client.get(f"/admin/privacy/subjectrequest/sla/?month={bad}")
        assert response.status_code == 200 and "YYYY-MM" in response.content.decode()
    changelist = staff_client.get("/admin/privacy/subjectrequest/").content.decode()
    assert "/admin/privacy/subjectrequest/sla/" in changelist


def test_staff_without_the_privacy_permission_cannot_use_the_new_pages(db):
    from accounts.models import User
    from tests.support.http import PUBLIC_HOST, host_client

    plain = User.objects.create_user("plain", "plain@perfony.com", "pw", is_staff=True)
    client = host_client(PUBLIC_HOST)
    client.force_login(plain)
    subject_request = services.request_file_public(type="rectification", email="r@example.org")
    base = "/admin/privacy/subjectrequest/"
    assert client.get(base + "sla/").status_code == 403
    assert client.get(f"{base}{subject_request.pk}/rectify/").status_code == 403
    assert client.post(f"{base}{subject_request.pk}/retry/").status_code == 403

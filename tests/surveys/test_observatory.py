"""The staff observatory: per-tenant sums combined in memory; nothing personal, nothing small."""

from datetime import datetime

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import get_public_schema_name

from accounts.models import User
from surveys.observatory import observatory_report
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory
from tests.support.tenants import in_schema
from tests.surveys.factories import ResponseFactory


def _at(month):
    return timezone.make_aware(datetime(2026, month, 12, 10))


def _answers(meeting, ratings, comment=""):
    for value in ratings:
        ResponseFactory(
            meeting=meeting,
            respondent=UserFactory(first_name="Traceable", last_name="Person"),
            preparation=value,
            time_keeping=value,
            decisions=value,
            action_clarity=value,
            comment=comment,
        )


@pytest.fixture
def answers(acme, globex):
    with in_schema(acme):
        _answers(MeetingFactory(starts_at=_at(5)), [4, 4, 1], comment="Secret acme remark")
        _answers(MeetingFactory(starts_at=_at(6)), [5])  # a lone answer: must stay hidden
    with in_schema(globex):
        _answers(MeetingFactory(starts_at=_at(5)), [2, 3, 3, 4])
        _answers(MeetingFactory(starts_at=_at(6)), [1, 2])


def test_report_combines_only_cells_with_enough_answers(answers):
    report = observatory_report()
    assert connection.schema_name == "public"
    names = dict(report.by_extranet)
    assert names["Acme SA"].count == 3 and names["Acme SA"].overall == 3.0
    assert names["Globex BV"].count == 4 and names["Globex BV"].overall == 3.0
    assert report.total.count == 7  # the lone acme answer and globex's 2 June answers left out
    assert report.total.overall == 3.0
    months = dict(report.by_month)
    assert set(months) == {datetime(2026, 5, 1).date()}
    assert report.hidden_cells == 2


def test_staff_page_shows_aggregates_and_no_person(answers, public_client):
    with in_schema("public"):
        staff = User.objects.create_superuser("obs-staff", "obs@perfony.com", "pw-obs-123456")
    public_client.force_login(staff)
    response = public_client.get("/admin/observatory/")
    assert response.status_code == 200
    html = response.text
    assert "Acme SA" in html and "Globex BV" in html
    assert "Secret acme remark" not in html
    assert "Traceable" not in html and "Person" not in html
    assert "June 2026" not in html
    assert "Meeting-quality observatory" in public_client.get("/admin/").text


def test_non_staff_cannot_open_the_observatory(public_client):
    response = public_client.get("/admin/observatory/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_observatory_is_not_mounted_on_extranets(acme_client):
    assert acme_client.get("/admin/observatory/").status_code == 404


def test_no_survey_table_exists_in_public(answers):
    observatory_report()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema = %s AND table_name LIKE 'surveys_%%'",
            [get_public_schema_name()],
        )
        assert cursor.fetchone()[0] == 0


def _staff(codenames=()):
    from django.contrib.auth.models import Permission

    with in_schema("public"):
        user = User.objects.create_user("plain-staff", "ps@perfony.com", "pw-ps-123456")
        user.is_staff = True
        user.save()
        user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def test_staff_without_the_permission_neither_sees_nor_opens_the_observatory(
    answers, public_client
):
    public_client.force_login(_staff())
    response = public_client.get("/admin/observatory/")
    assert response.status_code == 403
    assert "Acme SA" not in response.text
    assert "Meeting-quality observatory" not in public_client.get("/admin/").text


def test_staff_with_the_permission_opens_the_observatory(answers, public_client):
    public_client.force_login(_staff(["view_survey_observatory"]))
    assert public_client.get("/admin/observatory/").status_code == 200
    assert "Meeting-quality observatory" in public_client.get("/admin/").text

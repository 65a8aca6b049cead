"""Public-site visits are counted per country and day, only with consent, never with the IP."""

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import get_public_schema_name
from psycopg import sql

from stats.models import DailyCountryVisits
from tests.support.http import host_client
from tests.support.tenants import in_schema

GB_IP = "81.2.69.160"  # in geoip2fast's bundled database as GB


@pytest.fixture
def audience_consent(monkeypatch):
    monkeypatch.setattr(
        "consent.selectors.category_consented",
        lambda *, request, category: category in ("necessary", "audience"),
    )


def _visit(ip, path="/"):
    return host_client("perfony.localhost", REMOTE_ADDR=ip).get(path)


def test_consented_visits_are_counted_per_country_and_day(db, audience_consent):
    for _ in range(3):
        assert _visit(GB_IP).status_code == 200
    _visit("127.0.0.1")
    today = timezone.localdate()
    assert DailyCountryVisits.objects.get(day=today, country="GB").count == 3
    assert DailyCountryVisits.objects.get(day=today, country="ZZ").count == 1


def test_no_consent_no_count(db):
    _visit(GB_IP)
    assert not DailyCountryVisits.objects.exists()


def test_admin_static_and_errors_are_not_counted(db, audience_consent):
    _visit(GB_IP, "/admin/login/")
    _visit(GB_IP, "/no-such-page/")
    assert not DailyCountryVisits.objects.exists()


def test_extranet_pages_are_not_counted(acme, audience_consent):
    host_client("acme.iperfony.localhost", REMOTE_ADDR=GB_IP).get("/accounts/login/")
    assert not DailyCountryVisits.objects.exists()
    with in_schema(acme), connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('ext_acme.stats_dailycountryvisits')")
        assert cursor.fetchone()[0] is None, "the table only exists in the public schema"


def test_no_ip_is_stored_anywhere_in_the_table(db, audience_consent):
    _visit(GB_IP)
    _visit("2001:db8::1")
    with connection.cursor() as cursor:
        table = DailyCountryVisits._meta.db_table
        query = sql.SQL("SELECT * FROM {}").format(sql.Identifier(table))
        cursor.execute(query.as_string(connection.connection))
        rows = cursor.fetchall()
        cursor.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = %s AND table_schema = %s",
            [table, get_public_schema_name()],
        )
        columns = {r[0] for r in cursor.fetchall()}
    assert columns == {"id", "day", "country", "count"}
    dump = repr(rows)
    assert rows and "81.2.69" not in dump and "2001:db8" not in dump


def test_staff_see_the_aggregates_in_the_back_office(db, audience_consent, admin_client):
    _visit(GB_IP)
    admin_client.defaults["HTTP_HOST"] = "perfony.localhost"
    response = admin_client.get("/admin/stats/dailycountryvisits/")
    assert response.status_code == 200 and "GB" in response.content.decode()

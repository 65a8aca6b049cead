"""Consent analytics for staff: counts from the records of every schema, small groups hidden."""

from collections import Counter
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db.models.functions import TruncWeek
from django.utils import timezone

from consent.models import ConsentRecord
from consent.selectors import consent_analytics
from tests.factories import UserFactory
from tests.support.http import PUBLIC_HOST, host_client
from tests.support.tenants import in_schema

from .factories import ConsentRecordFactory

M = ConsentRecord.Method
URL = "/admin/consent/consentrecord/analytics/"
MONDAY = timezone.make_aware(datetime(2026, 11, 2, 10, 0))
NEXT_WEEK = MONDAY + timedelta(days=7, hours=3)


def _records(at, version, methods: dict[str, int]):
    for method, n in methods.items():
        ConsentRecordFactory.create_batch(
            n, created_at=at, policy_version=version, method=method, ip_truncated="198.51.100.0/24"
        )


@pytest.fixture
def spread(acme, globex):
    """Public: one large group and one small; extranets: a group made of two extranets' records
    (large only together) and a small one."""
    _records(
        MONDAY,
        "1+aaaa",
        {M.ACCEPT_ALL: 6, M.REJECT_ALL: 3, M.CLOSED: 1, M.CUSTOM: 2, M.WITHDRAWAL: 1},
    )
    _records(NEXT_WEEK, "1+aaaa", {M.ACCEPT_ALL: 4})
    with in_schema(acme):
        _records(MONDAY, "1+aaaa", {M.ACCEPT_ALL: 4, M.CUSTOM: 2})
        _records(NEXT_WEEK, "2+bbbb", {M.REJECT_ALL: 3})
    with in_schema(globex):
        _records(MONDAY, "1+aaaa", {M.REJECT_ALL: 3, M.WITHDRAWAL: 2})


def _expected(*extranets) -> Counter:
    """The same counts, straight from the records of each schema."""
    counted: Counter = Counter()
    for schema in ("public", *(e.schema_name for e in extranets)):
        with in_schema(schema):
            for r in ConsentRecord.objects.annotate(week=TruncWeek("created_at")):
                site = "public" if schema == "public" else "extranets"
                counted[(site, r.policy_version, r.week, r.method)] += 1
    return counted


def test_analytics_match_the_records_and_hide_groups_under_ten(spread, acme, globex):
    result = consent_analytics()
    expected = _expected(acme, globex)
    groups = Counter()
    for (site, version, week, _method), n in expected.items():
        groups[(site, version, week)] += n
    large = {key for key, n in groups.items() if n >= 10}
    assert {(r.site, r.policy_version, r.week) for r in result.rows} == large
    assert len(large) == 2  # the public site's first week and the extranets' first week
    assert result.hidden_groups == len(groups) - len(large)
    for row in result.rows:
        for method in M.values:
            assert (
                row.counts.get(method, 0)
                == expected[(row.site, row.policy_version, row.week, method)]
            )
    public = next(r for r in result.rows if r.site == "public")
    assert (public.total, public.choices, public.withdrawals) == (13, 12, 1)
    assert (
        public.accept_rate == 6 / 12
        and public.reject_rate == 4 / 12
        and public.custom_rate == 2 / 12
    )
    extranets = next(r for r in result.rows if r.site == "extranets")
    assert (extranets.total, extranets.withdrawals) == (11, 2)  # acme 6 + globex 5


def test_analytics_page_shows_rates_without_ips_or_small_groups(spread, staff_client):
    html = staff_client.get(URL).content.decode()
    assert 'data-site="public" data-version="1+aaaa"' in html
    assert (
        '<td class="records">13</td><td class="accept">50 %</td><td class="reject">33 %</td>'
        in html
    )
    assert '<td class="custom">17 %</td><td class="withdrawals">1</td>' in html
    assert 'data-site="extranets" data-version="1+aaaa"' in html
    assert 'data-version="2+bbbb"' not in html  # 3 records: hidden
    assert "2 smaller groups are hidden." in html
    assert "198.51.100" not in html


def test_analytics_page_needs_its_permission(db):
    staff = UserFactory(username="clerk", is_staff=True)
    client = host_client(PUBLIC_HOST)
    client.force_login(staff)
    assert client.get(URL).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_consent_analytics"))
    client.force_login(type(staff).objects.get(pk=staff.pk))
    assert client.get(URL).status_code == 200
    assert host_client(PUBLIC_HOST).get(URL).status_code == 302  # signed out: the login page

"""One date style per language: en-GB, 24-hour time, Europe/Paris with its zone, "1er"."""

import re
from datetime import UTC, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from core.dates import local_minute

WINTER_UTC = datetime(2026, 12, 1, 10, 5, tzinfo=UTC)  # 11:05 in Paris
SUMMER_UTC = datetime(2026, 7, 12, 6, 0, tzinfo=UTC)  # 08:00 in Paris


def _render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "1 December 2026, 11:05 CET"),
        ("fr", "1er décembre 2026 à 11:05 CET"),
        ("nl", "1 december 2026, 11:05 CET"),
    ],
)
def test_a_full_date_and_time_is_written_in_paris_time_with_its_zone(language, expected):
    assert _render('{{ t|date:"DATETIME_FORMAT" }}', language, t=WINTER_UTC) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "12/07/2026 08:00"), ("fr", "12/07/2026 08:00"), ("nl", "12-7-2026 08:00")],
)
def test_short_dates_put_the_day_first_and_use_24_hour_time(language, expected):
    assert _render('{{ t|date:"SHORT_DATETIME_FORMAT" }}', language, t=SUMMER_UTC) == expected


def test_no_am_pm_and_no_doubled_full_stop_after_a_time():
    text = _render('Given on {{ t|date:"DATETIME_FORMAT" }}.', "en", t=SUMMER_UTC)
    assert text == "Given on 12 July 2026, 08:00 CEST."


def test_only_the_first_of_the_month_gets_er_in_french():
    assert _render('{{ t|date:"DATE_FORMAT" }}', "fr", t=SUMMER_UTC) == "12 juillet 2026"
    first = datetime(2027, 1, 1, 12, 0, tzinfo=UTC)
    assert _render('le {{ t|date:"DATE_FORMAT" }}', "fr", t=first) == "le 1er janvier 2027"
    assert _render('{{ t|date:"DATE_FORMAT" }}', "en", t=first) == "1 January 2027"
    # A numeric French date stays numeric.
    assert _render('{{ t|date:"SHORT_DATE_FORMAT" }}', "fr", t=first) == "01/01/2027"


def test_back_office_labels_use_paris_time_not_utc():
    assert local_minute(WINTER_UTC) == "2026-12-01 11:05"
    assert local_minute(None) == ""


def test_the_data_found_for_a_request_shows_paris_times_not_utc(acme, staff_client, acme_member):
    from privacy.services import request_file_extranet

    request = request_file_extranet(user=acme_member, schema_name=acme.schema_name, type="access")
    html = staff_client.get(f"/admin/privacy/subjectrequest/{request.pk}/change/").content.decode()
    found = html[html.index('id="privacy-found"') :]
    assert "+00:00" not in found
    # Paris time with its zone (privacy.admin.paris_time), never a bare UTC offset.
    assert re.search(r"<td>\d{4}-\d{2}-\d{2} \d{2}:\d{2} CES?T</td>", found)

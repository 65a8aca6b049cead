import datetime

import pytest

from privacy.deadlines import (
    due_date_compute,
    extended_due_date_compute,
    extension_problem,
)

D = datetime.date


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (D(2027, 1, 31), D(2027, 2, 28)),
        (D(2028, 1, 31), D(2028, 2, 29)),  # leap year
        (D(2028, 1, 30), D(2028, 2, 29)),
        (D(2027, 3, 31), D(2027, 4, 30)),
        (D(2027, 12, 15), D(2028, 1, 15)),
        (D(2028, 2, 29), D(2028, 3, 29)),
    ],
)
def test_due_date_is_one_calendar_month_later(start, due):
    assert due_date_compute(start=start) == due


def test_extension_counts_calendar_months_from_the_due_date():
    assert extended_due_date_compute(due_date=D(2027, 12, 31), months=2) == D(2028, 2, 29)
    assert extended_due_date_compute(due_date=D(2027, 2, 28), months=1) == D(2027, 3, 28)


def _problem(**kwargs):
    args = {
        "due_date": D(2027, 3, 1),
        "already_extended": False,
        "months": 2,
        "reason": "many extranets",
        "today": D(2027, 2, 28),
    }
    return extension_problem(**{**args, **kwargs})


def test_extension_rules():
    assert _problem() is None
    assert _problem(today=D(2027, 3, 1)) == "too_late"
    assert _problem(today=D(2027, 3, 2)) == "too_late"
    assert _problem(already_extended=True) == "already_extended"
    assert _problem(months=3) == "too_long"
    assert _problem(months=0) == "too_long"
    assert _problem(reason="  ") == "no_reason"
    assert _problem(due_date=None) == "not_started"

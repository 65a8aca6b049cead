"""GDPR Art. 12(3) deadlines in calendar months: Jan 31 plus one month is Feb 28 or 29."""

import datetime

from dateutil.relativedelta import relativedelta

RESPONSE_MONTHS = 1
MAX_EXTENSION_MONTHS = 2


def due_date_compute(*, start: datetime.date) -> datetime.date:
    """One calendar month after receipt, or after verification when identity had to be checked."""
    return start + relativedelta(months=RESPONSE_MONTHS)


def extension_problem(
    *,
    due_date: datetime.date | None,
    already_extended: bool,
    months: int,
    reason: str,
    today: datetime.date,
) -> str | None:
    """Why an extension is not allowed (a code), or None when it is."""
    if due_date is None:
        return "not_started"
    if already_extended:
        return "already_extended"
    if not 1 <= months <= MAX_EXTENSION_MONTHS:
        return "too_long"
    if not reason.strip():
        return "no_reason"
    if today >= due_date:
        return "too_late"
    return None


def extended_due_date_compute(*, due_date: datetime.date, months: int) -> datetime.date:
    return due_date + relativedelta(months=months)

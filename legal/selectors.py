"""Which policy version applies, by date: a published version becomes current on its effective
date by itself, without a job running at midnight."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from legal.models import PolicyVersion

WORKING_DAYS_NOTICE = 30


def _today(on: date | None) -> date:
    return on or timezone.localdate()


def policy_published_list(*, kind: str) -> QuerySet[PolicyVersion]:
    return PolicyVersion.objects.filter(kind=kind, published_at__isnull=False)


def policy_current(*, kind: str, on: date | None = None) -> PolicyVersion | None:
    return (
        policy_published_list(kind=kind)
        .filter(effective_at__lte=_today(on))
        .order_by("-effective_at", "-published_at")
        .first()
    )


def policy_upcoming(*, kind: str, on: date | None = None) -> PolicyVersion | None:
    return (
        policy_published_list(kind=kind)
        .filter(effective_at__gt=_today(on))
        .order_by("effective_at", "published_at")
        .first()
    )


def policy_upcoming_list(*, on: date | None = None) -> list[PolicyVersion]:
    """Announced changes of any policy, for the notice on every page."""
    found = (policy_upcoming(kind=kind, on=on) for kind in PolicyVersion.Kind.values)
    return [version for version in found if version is not None]


def french_working_day(*, day: date) -> bool:
    return day.weekday() < 5 and day not in holidays.France(years=day.year)


def earliest_effective_date(*, published_on: date, working_days: int = WORKING_DAYS_NOTICE) -> date:
    """The date `working_days` French working days after publication (weekends and French
    public holidays do not count); a material change may take effect on that day at the
    earliest."""
    day, counted = published_on, 0
    while counted < working_days:
        day += timedelta(days=1)
        counted += french_working_day(day=day)
    return day


def policy_notice_recipients(*, after_id: int, limit: int) -> list[User]:
    """The next users of the current extranet to tell about a policy change, in id order (the
    cursor of PolicyNoticeDelivery): active, with an address, not erased."""
    users = (
        User.objects.filter(is_active=True, pk__gt=after_id)
        .exclude(email="")
        .exclude(username__startswith=User.ERASED_PREFIX)
        .order_by("pk")[:limit]
    )
    return list(users)

"""Reads: the policy table for the privacy policy, previews, the 30-day forecast, health."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.db import connection
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tenants.utils import get_public_schema_name, schema_context

from retention.models import RetentionRun, RunStatus
from retention.policies import (
    EXEMPTION_LABELS,
    Action,
    Exemption,
    Policy,
    parent_policy_of,
    policy_basis,
    policy_get,
    policy_list,
)
from tenants.models import Extranet
from tenants.selectors import extranet_list

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

HEALTH_MAX_AGE = timedelta(hours=26)
FORECAST_DAYS = 30


def period_in_words(delta: relativedelta | None) -> str:
    if not delta:
        return _("until it expires")
    parts = []
    if delta.years:
        parts.append(ngettext("%(n)d year", "%(n)d years", delta.years) % {"n": delta.years})
    if delta.months:
        parts.append(ngettext("%(n)d month", "%(n)d months", delta.months) % {"n": delta.months})
    if delta.days:
        parts.append(ngettext("%(n)d day", "%(n)d days", delta.days) % {"n": delta.days})
    return ", ".join(parts)


def _action_words(action: Action) -> str:
    return {
        Action.DELETE: _("Deleted"),
        Action.DROP_TENANT: _("Extranet deleted"),
        Action.NONE: _("Expires by itself"),
    }[action]


def _action_phrase(action: Action) -> str:
    """The action as the end of a sentence: "..., then deleted"."""
    return {
        Action.DELETE: _("then deleted"),
        Action.DROP_TENANT: _("then the whole extranet is deleted"),
        Action.NONE: _("then it expires by itself"),
    }[action]


def policy_sentence(policy: Policy) -> str:
    """One rule in words, from its (possibly overridden) period: no number typed by hand."""
    delta = policy.delta()
    if not delta:
        text = _("Until %(anchor)s, %(action)s.")
        return text % {"anchor": policy.anchor, "action": _action_phrase(policy.action)}
    text = _("%(period)s from %(anchor)s, %(action)s.")
    return text % {
        "period": period_in_words(delta),
        "anchor": policy.anchor,
        "action": _action_phrase(policy.action),
    }


def _extranet_sentence() -> str:
    return _("Kept while your extranet exists, and deleted with it: %(rule)s") % {
        "rule": policy_sentence(policy_get("customers"))
    }


def entry_retention_text(*, entry) -> str:
    """How long one personal model is kept, in the active language, from its declaration."""
    from privacy.registry import KeptWhile

    if isinstance(entry.retention, KeptWhile):
        return str(entry.retention.condition)
    policies = [policy_get(rule.key) for rule in entry.retentions]
    if len(policies) == 1:
        return policy_sentence(policies[0])
    if policies:
        return " ".join(f"{p.label}: {policy_sentence(p)}" for p in policies)
    parent = parent_policy_of(entry.model)
    if parent is not None:
        return _(
            "Deleted together with the record it belongs to, under the rule “%(label)s”: %(rule)s"
        ) % {
            "label": parent.label,
            "rule": policy_sentence(parent),
        }
    return _extranet_sentence()


def entry_retention_basis(*, entry) -> str:
    """Why it is kept that long: the legal basis declared with the rule that applies."""
    from privacy.registry import KeptWhile

    if isinstance(entry.retention, KeptWhile):
        return str(entry.retention.basis)
    if entry.retentions:
        return "; ".join(policy_basis(rule.key) for rule in entry.retentions)
    parent = parent_policy_of(entry.model)
    return policy_basis(parent.key if parent is not None else "customers")


@dataclass(frozen=True)
class PolicyRow:
    key: str
    label: str
    anchor: str
    period: str
    action: str
    exemptions: str
    note: str
    basis: str = ""


def retention_policy_table() -> list[PolicyRow]:
    """One row per rule, in the active language, for the privacy policy's retention section."""
    return [
        PolicyRow(
            key=policy.key,
            label=str(policy.label),
            anchor=str(policy.anchor),
            period=period_in_words(policy.delta()),
            action=_action_words(policy.action),
            exemptions=", ".join(str(EXEMPTION_LABELS[e]) for e in policy.exemptions) or "-",
            note=str(policy.note),
            basis=policy_basis(policy.key),
        )
        for policy in policy_list()
    ]


def policies_for_schema(*, schema_name: str, keys: list[str] | None = None) -> list[Policy]:
    return [p for p in policy_list() if p.runs_in(schema_name) and (keys is None or p.key in keys)]


def retention_schemas() -> list[str]:
    """Every extranet schema, then public (see retention_run_dispatch for why public is last)."""
    return [*extranet_list().values_list("schema_name", flat=True), get_public_schema_name()]


def tenant_on_legal_hold(*, schema_name: str) -> bool:
    return Extranet.objects.filter(schema_name=schema_name, legal_hold=True).exists()


def drop_date(*, extranet: Extranet, policy: Policy) -> date | None:
    """The first day the extranet may be dropped (the day after its period ends)."""
    if extranet.contract_end is None:
        return None
    return extranet.contract_end + (policy.delta() or relativedelta()) + timedelta(days=1)


def extranets_due(*, policy: Policy, today: date) -> list[tuple[Extranet, date]]:
    """Extranets not on legal hold whose drop date is on or before `today`, with that date."""
    cutoff = today - (policy.delta() or relativedelta())
    candidates = extranet_list().filter(
        contract_end__isnull=False, contract_end__lt=cutoff, legal_hold=False
    )
    # drop_date is None only without a contract end, which the filter excludes
    return [
        (e, when)
        for e in candidates.order_by("contract_end")
        if (when := drop_date(extranet=e, policy=policy)) is not None
    ]


def _count(statement) -> int:
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, statement.params)
        return cursor.fetchone()[0]


def purge_preview(
    *, policy_keys: list[str] | None = None, now: datetime | None = None
) -> list[tuple[Policy, int]]:
    """What a pass would purge in the current schema at `now`. Reads only."""
    from retention import sql

    now = now or timezone.now()
    schema_name = connection.schema_name
    held = schema_name != get_public_schema_name() and tenant_on_legal_hold(schema_name=schema_name)
    rows = []
    for policy in policies_for_schema(schema_name=schema_name, keys=policy_keys):
        if held and Exemption.TENANT_LEGAL_HOLD in policy.exemptions:
            rows.append((policy, 0))
        elif policy.action is Action.DROP_TENANT:
            rows.append((policy, len(extranets_due(policy=policy, today=timezone.localdate(now)))))
        else:
            rows.append((policy, _count(sql.count_expired(policy, now=now))))
    return rows


@dataclass(frozen=True)
class ForecastRow:
    key: str
    label: str
    due_now: int
    due_in_window: int
    schemas: int  # how many schemas have something due in the window


def purge_forecast(*, days: int = FORECAST_DAYS, now: datetime | None = None) -> list[ForecastRow]:
    """Per policy: rows due now, and rows due by `now + days`, summed over every schema."""
    now = now or timezone.now()
    later = now + timedelta(days=days)
    policies = policy_list()
    totals: dict[str, list[int]] = {p.key: [0, 0, 0] for p in policies if p.action != Action.NONE}
    for schema_name in retention_schemas():
        with schema_context(schema_name):
            due_now = {policy.key: count for policy, count in purge_preview(now=now)}
            for policy, count in purge_preview(now=later):
                entry = totals[policy.key]
                entry[0] += due_now.get(policy.key, 0)
                entry[1] += count
                entry[2] += 1 if count else 0
    labels = {p.key: str(p.label) for p in policies}
    return [ForecastRow(key, labels[key], *values) for key, values in totals.items()]


def extranet_drops_upcoming(*, days: int = FORECAST_DAYS) -> list[tuple[Extranet, date]]:
    policy = policy_get("customers")
    return extranets_due(policy=policy, today=timezone.localdate() + timedelta(days=days))


def last_successful_run() -> RetentionRun | None:
    return (
        RetentionRun.objects.filter(status=RunStatus.OK, finished_at__isnull=False)
        .order_by("-finished_at")
        .first()
    )


def last_finished_run() -> RetentionRun | None:
    return RetentionRun.objects.filter(finished_at__isnull=False).order_by("-finished_at").first()


def run_problems(*, run: RetentionRun) -> list[str]:
    """Why a run is not complete: "<schema>: <status> (<detail>)" per schema not purged."""
    bad = run.schema_runs.exclude(status=RunStatus.OK).order_by("schema_name")
    return [f"{s.schema_name}: {s.status}" + (f" ({s.detail})" if s.detail else "") for s in bad]


def retention_health(*, now: datetime | None = None) -> tuple[bool, str]:
    """A problem when the latest finished run is not complete (a schema skipped for a lock,
    failed or interrupted), or when the last complete run finished more than 26 hours ago.

    Before the very first run (a new installation) there is nothing to be late for yet; the
    admin banner still says so, so that a beat that never starts is noticed.
    """
    now = now or timezone.now()
    with schema_context(get_public_schema_name()):
        latest = last_finished_run()
        if latest is not None and latest.status != RunStatus.OK:
            problems = "; ".join(run_problems(run=latest)) or latest.status
            return False, f"last retention run {latest.status}: {problems}"[:500]
        last = last_successful_run()
        if last is None:
            return True, "no run yet"
    assert last.finished_at is not None  # a successful run has finished
    age = now - last.finished_at
    if age > HEALTH_MAX_AGE:
        hours = int(age.total_seconds() // 3600)
        return False, f"last successful retention run {hours} h ago"
    return True, "ok"


def retention_banner(*, now: datetime | None = None) -> StrOrPromise:
    """The admin banner's text, or "" when all is well."""
    ok, _detail = retention_health(now=now)
    last = last_successful_run()
    latest = last_finished_run()
    if not ok and latest is not None and latest.status != RunStatus.OK:
        return format_lazy(
            _(
                "Retention: the last purge, at {when}, did not complete ({problems}). "
                "Check the run log."
            ),
            when=timezone.localtime(latest.finished_at).strftime("%Y-%m-%d %H:%M"),
            problems="; ".join(run_problems(run=latest)[:5]),
        )
    if not ok and last is not None:
        return format_lazy(
            _(
                "Retention: the last successful purge finished at {when}, more than 26 hours "
                "ago. Check the Celery worker and beat, and the run log."
            ),
            when=timezone.localtime(last.finished_at).strftime("%Y-%m-%d %H:%M"),
        )
    if last is None:
        return _("Retention: no purge has completed yet. Check that Celery beat is running.")
    return ""

# ruff: noqa: S608
# (SQL identifiers come from model metadata; values are always query parameters.)
"""SQL built from a policy. Statements run on the current schema (the connection's search_path).

Every cutoff is computed in Python from the `now` we are given, never with SQL `now()`, so a
run is reproducible and time travel in tests moves the database's idea of "expired" too.
Policy `where` fragments are trusted code: a literal `%` in them must be written `%%`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.db import connection, models
from django.utils import timezone

from retention.policies import Exemption, Policy


def _qn(name: str) -> str:
    return connection.ops.quote_name(name)


def cutoff_for(policy: Policy, *, now: datetime) -> date | datetime:
    """Rows whose anchor is strictly before this are past their retention period."""
    delta = policy.delta() or relativedelta()
    anchor = policy.model._meta.get_field(policy.anchor_field)
    if isinstance(anchor, models.DateTimeField):
        return now - delta
    return timezone.localdate(now) - delta


def _subject_hold_sql(email_sql: str) -> str:
    table = _qn(apps.get_model("privacy", "SubjectLegalHold")._meta.db_table)
    return (
        f"NOT EXISTS (SELECT 1 FROM public.{table} h WHERE h.released_at IS NULL "
        f"AND lower(h.email) = lower({email_sql}))"
    )


def _open_request_sql(email_sql: str) -> str | None:
    try:
        model = apps.get_model("privacy", "SubjectRequest")
    except LookupError:
        return None  # the privacy app has no request model in this build: nothing to exempt
    table = _qn(model._meta.db_table)
    return (
        f"NOT EXISTS (SELECT 1 FROM public.{table} r WHERE r.closed_at IS NULL "
        f"AND lower(r.email) = lower({email_sql}))"
    )


def expired_where(policy: Policy, *, now: datetime) -> tuple[str, list]:
    """The WHERE clause (on alias `t`) of the rows this policy purges at `now`."""
    if policy.expired_sql is not None:
        condition, params = policy.expired_sql(policy, now)
    else:
        column = policy.model._meta.get_field(policy.anchor_field).column
        condition, params = f"t.{_qn(column)} < %s", [cutoff_for(policy, now=now)]
    parts = [condition]
    if policy.where:
        parts.append(f"({policy.where})")
    if Exemption.SUBJECT_LEGAL_HOLD in policy.exemptions:
        parts.append(_subject_hold_sql(policy.subject_email))
    if Exemption.OPEN_SUBJECT_REQUEST in policy.exemptions:
        open_request = _open_request_sql(policy.subject_email)
        if open_request:
            parts.append(open_request)
    return " AND ".join(parts), list(params)


@dataclass(frozen=True)
class Statement:
    sql: str
    params: list
    returns_files: bool = False


def _table_and_pk(policy: Policy) -> tuple[str, str]:
    meta = policy.model._meta
    return _qn(meta.db_table), _qn(meta.pk.column)


def _children_ctes(policy: Policy, pk: str) -> list[str]:
    ctes = []
    for index, child in enumerate(policy.children):
        meta = apps.get_model(child.model)._meta
        table, column = _qn(meta.db_table), _qn(meta.get_field(child.fk).column)
        if child.on_parent_delete == "set_null":
            body = f"UPDATE {table} SET {column} = NULL"
        else:
            body = f"DELETE FROM {table}"
        ctes.append(f"c{index} AS ({body} WHERE {column} IN (SELECT {pk} FROM batch))")
    return ctes


def delete_batch(policy: Policy, *, now: datetime, limit: int) -> Statement:
    """One batch: children first, then at most `limit` parents, in one statement.

    Django's foreign keys are DEFERRABLE INITIALLY DEFERRED in PostgreSQL, so they are checked
    at the commit that ends the batch, when children and parents are gone together.
    """
    table, pk = _table_and_pk(policy)
    where, params = expired_where(policy, now=now)
    meta = policy.model._meta
    files = [_qn(meta.get_field(name).column) for name in policy.files]
    ctes = [f"batch AS (SELECT t.{pk} FROM {table} t WHERE {where} LIMIT %s)"]
    ctes += _children_ctes(policy, pk)
    ctes.append(
        f"gone AS (DELETE FROM {table} WHERE {pk} IN (SELECT {pk} FROM batch) "
        f"RETURNING {', '.join(files) or pk})"
    )
    select = f"SELECT {', '.join(files)} FROM gone" if files else "SELECT count(*) FROM gone"
    return Statement(f"WITH {', '.join(ctes)} {select}", [*params, limit], bool(files))


def anonymise_batch(policy: Policy, *, now: datetime, limit: int) -> Statement:
    """Overwrite at most `limit` rows that are expired and not yet anonymised."""
    table, pk = _table_and_pk(policy)
    where, params = expired_where(policy, now=now)
    meta = policy.model._meta
    columns = [_qn(meta.get_field(name).column) for name in policy.anonymise]
    values = list(policy.anonymise.values())
    sets = ", ".join(f"{column} = %s" for column in columns)
    differs = " OR ".join(f"t.{column} IS DISTINCT FROM %s" for column in columns)
    sql = (
        f"UPDATE {table} SET {sets} WHERE {pk} IN "
        f"(SELECT t.{pk} FROM {table} t WHERE {where} AND ({differs}) LIMIT %s)"
    )
    return Statement(sql, [*values, *params, *values, limit])


def count_expired(policy: Policy, *, now: datetime) -> Statement:
    table, _pk = _table_and_pk(policy)
    where, params = expired_where(policy, now=now)
    if policy.action == "anonymise":
        meta = policy.model._meta
        differs = " OR ".join(
            f"t.{_qn(meta.get_field(name).column)} IS DISTINCT FROM %s" for name in policy.anonymise
        )
        where, params = f"{where} AND ({differs})", [*params, *policy.anonymise.values()]
    return Statement(f"SELECT count(*) FROM {table} t WHERE {where}", params)

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
from typing import Literal

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


def _subject_table(model_label: str, *, closed_column: str, also: str = "") -> str | None:
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return None  # not in this build (the request model comes with the privacy app)
    return f"public.{_qn(model._meta.db_table)} h WHERE h.{closed_column} IS NULL{also}"


def _subject_exempt_sql(policy: Policy, holds: str) -> str:
    """NOT EXISTS of a matching hold; written so that PostgreSQL plans an anti-join.

    A row named by several columns (an invitation: its address, or the user who accepted it)
    is held when any of them matches, as erasure and export match it."""
    matches = []
    for ref in policy.subject.refs():
        column = _qn(ref.column)
        if ref.kind == "email":
            matches.append(
                f"NOT EXISTS (SELECT 1 FROM {holds} AND lower(h.email) = lower(t.{column}))"
            )
        else:
            matches.append(
                f"NOT EXISTS (SELECT 1 FROM accounts_user u, {holds} "
                f"AND lower(h.email) = lower(u.email) AND u.id = t.{column})"
            )
    match = " AND ".join(matches)
    # Holds are rare: the uncorrelated test runs once per statement (an InitPlan), so while no
    # hold is open no row pays for the per-row lookup; checked in the same statement, no race.
    return f"(NOT EXISTS (SELECT 1 FROM {holds}) OR {match})"


def _exemption_parts(policy: Policy) -> list[str]:
    sources = {
        Exemption.SUBJECT_LEGAL_HOLD: ("privacy.SubjectLegalHold", "released_at", ""),
        # A request nobody confirmed proves nothing: a stranger filing one for any address
        # must not keep that address's data alive (expired ones are closed anyway).
        Exemption.OPEN_SUBJECT_REQUEST: (
            "privacy.SubjectRequest",
            "closed_at",
            " AND h.status <> 'unverified'",
        ),
    }
    parts = []
    for exemption, (label, closed_column, also) in sources.items():
        if exemption in policy.exemptions:
            holds = _subject_table(label, closed_column=closed_column, also=also)
            if holds:
                parts.append(_subject_exempt_sql(policy, holds))
    return parts


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
    parts += _exemption_parts(policy)
    return " AND ".join(parts), list(params)


@dataclass(frozen=True)
class Statement:
    sql: str
    params: list
    returns: Literal["rowcount", "count", "files"] = "rowcount"
    file_fields: tuple = ()  # the FileFields of the returned columns, for their storage
    keyset: bool = False  # the last two columns are the (anchor, pk) to continue after


def _table_and_pk(policy: Policy) -> tuple[str, str]:
    meta = policy.model._meta
    return _qn(meta.db_table), _qn(meta.pk.column)


def _children_ctes(children, parent_ids: str, ctes: list[str]) -> list[str]:
    """A CTE per child, then per grandchild, each on the ids of the rows its parent loses.

    The sub-statements of one WITH share a snapshot, so a grandchild's CTE still sees the
    children that a sibling CTE deletes; the deferred foreign keys are checked at commit.
    """
    for child in children:
        meta = apps.get_model(child.model)._meta
        table, column = _qn(meta.db_table), _qn(meta.get_field(child.fk).column)
        where = f"WHERE {column} IN ({parent_ids})"
        if child.on_parent_delete == "set_null":
            body = f"UPDATE {table} SET {column} = NULL {where}"
        else:
            body = f"DELETE FROM {table} {where}"
            own_ids = f"SELECT {_qn(meta.pk.column)} FROM {table} {where}"
            _children_ctes(child.children, own_ids, ctes)
        ctes.append(f"c{len(ctes)} AS ({body})")
    return ctes


def _proof_cte(policy: Policy, now: datetime) -> tuple[list[str], list]:
    """One audit event per deleted row, with the policy's non-personal proof columns."""
    if not policy.proof:
        return [], []
    meta = policy.model._meta
    pairs = ", ".join(f"'{name}', {_qn(meta.get_field(name).column)}" for name in policy.proof)
    audit = _qn(apps.get_model("core.AuditEvent")._meta.db_table)
    sql = (
        f"proof AS (INSERT INTO {audit} "
        "(at, actor_id, actor_label, action, object_type, object_id, data) "
        f"SELECT %s, NULL, 'retention', 'retention.purged', %s, {_qn(meta.pk.column)}::text, "
        f"jsonb_build_object('policy', %s::text, {pairs}) FROM gone)"
    )
    return [sql], [now, meta.label, policy.key]


def _oldest_first(policy: Policy, after: tuple | None = None) -> tuple[str, str, list]:
    """Keyset order on the anchor: the extra WHERE, the ORDER BY, and their parameters.

    Walk the anchor's index from the oldest row, and from the second batch on start at the
    last anchor value the previous batch took: under an open snapshot (a nightly pg_dump) the
    entries of rows already deleted cannot be removed from the index, and a batch that started
    from the oldest entry again would walk them all, so the cost grew with the square of the
    rows. Inclusive (`>=`): rows sharing that last value are not skipped; ordering by the anchor
    alone keeps the index's order, so a large group of equal anchors (a date) is never sorted.
    Empty strings when the policy has no plain anchor column (no keyset then).
    """
    if policy.expired_sql is not None or not policy.anchor_field:
        return "", "", []
    anchor = _qn(policy.model._meta.get_field(policy.anchor_field).column)
    order = f" ORDER BY t.{anchor}"
    if after is None:
        return "", order, []
    return f" AND t.{anchor} >= %s", order, [after[0]]


def delete_batch(
    policy: Policy, *, now: datetime, limit: int, after: tuple | None = None
) -> Statement:
    """One batch: children first, then at most `limit` parents, in one statement.

    Django's foreign keys are DEFERRABLE INITIALLY DEFERRED in PostgreSQL, so they are checked
    at the commit that ends the batch, when children and parents are gone together.
    With a keyset (a plain anchor column), the result ends with the (anchor, pk) of the last
    row the batch took: pass it as `after` to the next batch (its anchor is the cursor).
    """
    table, pk = _table_and_pk(policy)
    where, params = expired_where(policy, now=now)
    meta = policy.model._meta
    after_sql, order, after_params = _oldest_first(policy, after)
    keyset = bool(order)
    pick = f"FROM {table} t WHERE {where}{after_sql}{order} LIMIT %s"
    pick_params = [*params, *after_params, limit]
    # By physical row id: no second walk of the primary key index. A row updated meanwhile
    # has a new ctid and is left for the next run, which re-checks it. Joined to the unnested
    # ids (estimated at ten): a TID lookup per id in a large table, a hash join in a small one.
    # Not `ctid = ANY(array)`: in a small table that is a scan comparing every row with every
    # id (1,000 x 1,000 in a typical extranet). Not a join to the batch itself: its true size
    # makes the planner hash the whole table for each batch of a large one.
    if not keyset and not policy.files and not policy.children and not policy.proof:
        sql = (
            f"DELETE FROM {table} d USING unnest(ARRAY(SELECT t.ctid {pick})) b(row_tid) "
            "WHERE d.ctid = b.row_tid"
        )
        return Statement(sql, pick_params)
    fields = tuple(meta.get_field(name) for name in policy.files)
    files = [_qn(f.column) for f in fields]
    proof = [_qn(meta.get_field(name).column) for name in policy.proof]
    anchor = f", t.{_qn(meta.get_field(policy.anchor_field).column)} AS k_anchor" if keyset else ""
    ctes = [f"batch AS (SELECT t.ctid AS row_tid, t.{pk}{anchor} {pick})"]
    ctes += _children_ctes(policy.children, f"SELECT {pk} FROM batch", [])
    returning = ", ".join(f"d.{column}" for column in dict.fromkeys([pk, *files, *proof]))
    tids = "unnest(ARRAY(SELECT row_tid FROM batch)) b(row_tid)"  # see the plain case above
    ctes.append(
        f"gone AS (DELETE FROM {table} d USING {tids} WHERE d.ctid = b.row_tid "
        f"RETURNING {returning})"
    )
    proof_ctes, proof_params = _proof_cte(policy, now)
    ctes += proof_ctes
    cursor = ""
    if keyset:
        ctes.append(f"last AS (SELECT k_anchor, {pk} FROM batch ORDER BY 1 DESC, 2 DESC LIMIT 1)")
        cursor = f", (SELECT k_anchor FROM last), (SELECT {pk} FROM last)"
    if files:
        select = f"SELECT {', '.join(files)}{cursor} FROM gone"
    elif keyset:
        # A row even when nothing was deleted, so the cursor still moves past skipped rows.
        select = f"SELECT (SELECT count(*) FROM gone){cursor}"
    else:
        select = "SELECT count(*) FROM gone"
    return Statement(
        f"WITH {', '.join(ctes)} {select}",
        [*pick_params, *proof_params],
        "files" if files else "count",
        fields,
        keyset,
    )


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

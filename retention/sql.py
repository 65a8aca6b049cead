"""SQL built from a policy. Statements run on the current schema (the connection's search_path).

The declarations (each app's privacy.py, compiled by retention/policies.py) name fields and
rules only; this module alone turns them into SQL. Every statement is composed with psycopg's
`sql` module: tables and columns come from model metadata as `Identifier`s, fixed values of
the code as `Literal`s, and every value of a declaration or of the run is a query parameter.
Django's cursor takes a string, so a statement is rendered once, for this connection.

Every cutoff is computed in Python from the `now` we are given, never with SQL `now()`, so a
run is reproducible and time travel in tests moves the database's idea of "expired" too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.utils import timezone
from django_tenants.utils import get_public_schema_name
from psycopg import sql

from core.audit import Actor, AuditAction
from retention.policies import Child, Exemption, FieldIs, FirstOf, Policy, WhileConsented

Fragment = tuple[sql.Composable, list]

# The audit trail's words for what the purge does (the same words as core.services.audit_log).
# Written by the delete statements themselves, so in the statement's own transaction.
AUDIT_ACTOR = Actor.system("retention").label
AUDIT_ROW_PURGED = AuditAction.RETENTION_PURGED.value  # one per deleted row of a `proof` policy
AUDIT_BATCH_PURGED = AuditAction.RETENTION_BATCH_PURGED.value  # one per batch of other deletes

_AND = sql.SQL(" AND ")
_COMMA = sql.SQL(", ")


def as_string(query: sql.Composable) -> str:
    """The composed statement as Django's cursor takes it, quoted for this connection."""
    connection.ensure_connection()
    return query.as_string(connection.connection)


def _column(model: type[models.Model], name: str) -> str:
    return model._meta.get_field(name).column


def _on(alias: str, model: type[models.Model], name: str) -> sql.Identifier:
    """`alias.column` of a model's field."""
    return sql.Identifier(alias, _column(model, name))


def _table(model: type[models.Model]) -> sql.Identifier:
    return sql.Identifier(model._meta.db_table)


def _cutoff(policy: Policy, model: type[models.Model], name: str, now: datetime) -> date | datetime:
    delta = policy.delta() or relativedelta()
    if isinstance(model._meta.get_field(name), models.DateTimeField):
        return now - delta
    return timezone.localdate(now) - delta


def cutoff_for(policy: Policy, *, now: datetime) -> date | datetime:
    """Rows whose anchor is strictly before this are past their retention period."""
    return _cutoff(policy, policy.model, policy.anchor_field, now)


def _first_set(model: type[models.Model], names: tuple[str, ...]) -> sql.Composable:
    return sql.SQL("COALESCE({})").format(_COMMA.join(_on("t", model, n) for n in names))


def _while_consented(policy: Policy, expiry: WhileConsented, now: datetime) -> Fragment:
    model = policy.model
    consents = apps.get_model(expiry.consents)
    revoked = _on("c", consents, expiry.revoked)
    of_row = sql.SQL("FROM {} c WHERE {} = {}").format(
        _table(consents), _on("c", consents, expiry.fk), sql.Identifier("t", model._meta.pk.column)
    )
    condition = sql.SQL(
        "NOT EXISTS (SELECT 1 {of_row} AND {revoked} IS NULL) AND "
        "COALESCE((SELECT max({revoked}) {of_row}), {otherwise}) < %s"
    ).format(
        of_row=of_row,
        revoked=revoked,
        otherwise=_COMMA.join(_on("t", model, n) for n in expiry.otherwise),
    )
    return condition, [_cutoff(policy, model, expiry.otherwise[0], now)]


def _anchor_condition(policy: Policy, now: datetime) -> Fragment | None:
    """The anchor/period part of the condition; None for a policy of `where` conditions only."""
    model, expiry = policy.model, policy.expiry
    if isinstance(expiry, WhileConsented):
        return _while_consented(policy, expiry, now)
    if isinstance(expiry, FirstOf):
        cutoff = _cutoff(policy, model, expiry.fields[0], now)
        return sql.SQL("{} < %s").format(_first_set(model, expiry.fields)), [cutoff]
    if not policy.anchor_field:
        return None
    anchor = _on("t", model, policy.anchor_field)
    return sql.SQL("{} < %s").format(anchor), [cutoff_for(policy, now=now)]


def _field_condition(model: type[models.Model], condition: FieldIs) -> Fragment:
    operator = sql.SQL("<>" if condition.negate else "=")
    composed = sql.SQL("{} {} %s").format(_on("t", model, condition.field), operator)
    return composed, [condition.value]


@dataclass(frozen=True)
class _Holds:
    """Open holds of one kind, in the public schema, on alias `h`."""

    rows: sql.Composable  # `<table> h WHERE <still open>`, to follow a FROM
    email: sql.Identifier


def _holds(model_label: str, *, open_column: str, unless: tuple[str, str] | None) -> _Holds | None:
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return None  # not in this build (the request model comes with the privacy app)
    rows = sql.SQL("{} h WHERE {} IS NULL").format(
        sql.Identifier(get_public_schema_name(), model._meta.db_table),
        _on("h", model, open_column),
    )
    if unless is not None:
        name, value = unless
        rows = sql.SQL("{} AND {} <> {}").format(rows, _on("h", model, name), sql.Literal(value))
    return _Holds(rows, _on("h", model, "email"))


def _subject_exempt(policy: Policy, holds: _Holds) -> sql.Composable:
    """NOT EXISTS of a matching hold; written so that PostgreSQL plans an anti-join.

    A row named by several columns (an invitation: its address, or the user who accepted it)
    is held when any of them matches, as erasure and export match it."""
    user = get_user_model()
    matches = []
    for ref in policy.subject.refs():
        column = sql.Identifier("t", ref.column)
        if ref.kind == "email":
            match = sql.SQL("NOT EXISTS (SELECT 1 FROM {holds} AND lower({email}) = lower({t}))")
            matches.append(match.format(holds=holds.rows, email=holds.email, t=column))
        else:
            match = sql.SQL(
                "NOT EXISTS (SELECT 1 FROM {users} u, {holds} "
                "AND lower({email}) = lower({user_email}) AND {user_pk} = {t})"
            )
            matches.append(
                match.format(
                    users=_table(user),
                    holds=holds.rows,
                    email=holds.email,
                    user_email=_on("u", user, user.get_email_field_name()),
                    user_pk=sql.Identifier("u", user._meta.pk.column),
                    t=column,
                )
            )
    # Holds are rare: the uncorrelated test runs once per statement (an InitPlan), so while no
    # hold is open no row pays for the per-row lookup; checked in the same statement, no race.
    return sql.SQL("(NOT EXISTS (SELECT 1 FROM {}) OR {})").format(holds.rows, _AND.join(matches))


def _exemption_holds(policy: Policy) -> list[_Holds]:
    """The open holds of each kind that exempt this policy's rows."""
    sources = {
        Exemption.SUBJECT_LEGAL_HOLD: ("privacy.SubjectLegalHold", "released_at", None),
        # A request nobody confirmed proves nothing: a stranger filing one for any address
        # must not keep that address's data alive (expired ones are closed anyway).
        Exemption.OPEN_SUBJECT_REQUEST: (
            "privacy.SubjectRequest",
            "closed_at",
            ("status", "unverified"),
        ),
    }
    found = []
    for exemption, (label, open_column, unless) in sources.items():
        if exemption in policy.exemptions:
            holds = _holds(label, open_column=open_column, unless=unless)
            if holds:
                found.append(holds)
    return found


def no_open_holds(policy: Policy) -> sql.Composable:
    """True while no hold that could exempt one of the policy's rows is open anywhere: an
    uncorrelated test, which reads the public tables only."""
    none_open = sql.SQL("NOT EXISTS (SELECT 1 FROM {})")
    tests = [none_open.format(holds.rows) for holds in _exemption_holds(policy)]
    return _AND.join(tests) if tests else sql.SQL("true")


def expired_condition(policy: Policy, *, now: datetime, subjects: bool = True) -> Fragment:
    """The condition (on alias `t`) of the rows this policy purges at `now`, and its params.

    Without `subjects`, the per-row test of the holds on people is left out: the caller then
    deletes only where `no_open_holds` is true in the same snapshot. That test would otherwise
    be planned in every schema, and planning it opens the schema's user table."""
    parts: list[sql.Composable] = []
    params: list = []
    anchor = _anchor_condition(policy, now)
    if anchor is not None:
        parts.append(anchor[0])
        params += anchor[1]
    for condition in policy.where:
        composed, values = _field_condition(policy.model, condition)
        parts.append(sql.SQL("({})").format(composed))
        params += values
    if not parts:
        raise ValueError(f"{policy.key}: no anchor, expiry or where: it would purge every row")
    if subjects:
        parts += [_subject_exempt(policy, holds) for holds in _exemption_holds(policy)]
    return _AND.join(parts), params


def expired_where(policy: Policy, *, now: datetime, subjects: bool = True) -> tuple[str, list]:
    """The WHERE clause (on alias `t`) of the rows this policy purges at `now`, as a string."""
    condition, params = expired_condition(policy, now=now, subjects=subjects)
    return as_string(condition), params


@dataclass(frozen=True)
class Statement:
    sql: str
    params: list
    returns: Literal["rowcount", "count", "files"] = "rowcount"
    file_fields: tuple = ()  # the FileFields of the returned columns, for their storage
    keyset: bool = False  # the last two columns are the (anchor, pk) to continue after


def _children_ctes(
    children: tuple[Child, ...], parent_ids: sql.Composable, ctes: list[sql.Composable]
) -> list[sql.Composable]:
    """A CTE per child, then per grandchild, each on the ids of the rows its parent loses.

    The sub-statements of one WITH share a snapshot, so a grandchild's CTE still sees the
    children that a sibling CTE deletes; the deferred foreign keys are checked at commit.
    """
    for child in children:
        model = apps.get_model(child.model)
        table, column = _table(model), sql.Identifier(_column(model, child.fk))
        where = sql.SQL("WHERE {} IN ({})").format(column, parent_ids)
        if child.on_parent_delete == "set_null":
            body = sql.SQL("UPDATE {} SET {} = NULL {}").format(table, column, where)
        else:
            body = sql.SQL("DELETE FROM {} {}").format(table, where)
            own_ids = sql.SQL("SELECT {} FROM {} {}").format(
                sql.Identifier(model._meta.pk.column), table, where
            )
            _children_ctes(child.children, own_ids, ctes)
        ctes.append(sql.SQL("{} AS ({})").format(sql.Identifier(f"c{len(ctes)}"), body))
    return ctes


def audit_insert(select: sql.Composable) -> sql.Composable:
    """INSERT INTO the current schema's audit table, the columns in `select`'s order."""
    audit = apps.get_model("core.AuditEvent")
    names = ("at", "actor_id", "actor_label", "action", "object_type", "object_id", "data")
    return sql.SQL("INSERT INTO {} ({}) {}").format(
        _table(audit), _COMMA.join(sql.Identifier(_column(audit, n)) for n in names), select
    )


def _proof_cte(policy: Policy, now: datetime) -> Fragment:
    """One audit event per deleted row, with the policy's non-personal proof columns."""
    model = policy.model
    pairs = _COMMA.join(
        sql.SQL("{}, {}").format(sql.Literal(name), sql.Identifier(_column(model, name)))
        for name in policy.proof
    )
    select = sql.SQL(
        "SELECT %s, NULL, {actor}, {action}, %s, {pk}::text, "
        "jsonb_build_object('policy', %s::text, {pairs}) FROM gone"
    ).format(
        actor=sql.Literal(AUDIT_ACTOR),
        action=sql.Literal(AUDIT_ROW_PURGED),
        pk=sql.Identifier(model._meta.pk.column),
        pairs=pairs,
    )
    return sql.SQL("proof AS ({})").format(audit_insert(select)), [
        now,
        model._meta.label,
        policy.key,
    ]


def _batch_audit_cte(policy: Policy, now: datetime) -> Fragment:
    """One audit event for the whole batch, with its count; none for a batch that deleted
    nothing. In the batch's own statement, so it commits with the delete or not at all."""
    select = sql.SQL(
        "SELECT %s, NULL, {actor}, {action}, %s, '', "
        "jsonb_build_object('policy', %s::text, 'rows', g.n) "
        "FROM (SELECT count(*) AS n FROM gone) g WHERE g.n > 0"
    ).format(actor=sql.Literal(AUDIT_ACTOR), action=sql.Literal(AUDIT_BATCH_PURGED))
    return sql.SQL("audit AS ({})").format(audit_insert(select)), [
        now,
        policy.model._meta.label,
        policy.key,
    ]


def _oldest_first(policy: Policy, after: tuple | None = None) -> tuple[sql.Composable, list, bool]:
    """Keyset order on the anchor: the extra condition and ORDER BY, its params, keyset or not.

    Walk the anchor's index from the oldest row, and from the second batch on start at the
    last anchor value the previous batch took: under an open snapshot (a nightly pg_dump) the
    entries of rows already deleted cannot be removed from the index, and a batch that started
    from the oldest entry again would walk them all, so the cost grew with the square of the
    rows. Inclusive (`>=`): rows sharing that last value are not skipped; ordering by the anchor
    alone keeps the index's order, so a large group of equal anchors (a date) is never sorted.
    No keyset when the policy has no plain anchor column.
    """
    if policy.expiry is not None or not policy.anchor_field:
        return sql.SQL(""), [], False
    anchor = _on("t", policy.model, policy.anchor_field)
    order = sql.SQL(" ORDER BY {}").format(anchor)
    if after is None:
        return order, [], True
    return sql.SQL(" AND {} >= %s{}").format(anchor, order), [after[0]], True


def _picked_ctes(policy: Policy, pick: sql.Composable, keyset: bool) -> list[sql.Composable]:
    """The batch and its children, then `gone`, the delete of the batch's rows.

    By physical row id: no second walk of the primary key index. A row updated meanwhile
    has a new ctid and is left for the next run, which re-checks it. Joined to the unnested
    ids (estimated at ten): a TID lookup per id in a large table, a hash join in a small one.
    Not `ctid = ANY(array)`: in a small table that is a scan comparing every row with every
    id (1,000 x 1,000 in a typical extranet). Not a join to the batch itself: its true size
    makes the planner hash the whole table for each batch of a large one.
    """
    model = policy.model
    pk = model._meta.pk.column
    ctes: list[sql.Composable] = []
    if not keyset and not policy.children:
        tids = sql.SQL("unnest(ARRAY(SELECT t.ctid {})) b(row_tid)").format(pick)
    else:
        anchor = sql.SQL("")
        if keyset:
            anchor = sql.SQL(", {} AS k_anchor").format(_on("t", model, policy.anchor_field))
        batch = sql.SQL("batch AS (SELECT t.ctid AS row_tid, {}{} {})")
        ctes.append(batch.format(sql.Identifier("t", pk), anchor, pick))
        ids = sql.SQL("SELECT {} FROM batch").format(sql.Identifier(pk))
        ctes += _children_ctes(policy.children, ids, [])
        tids = sql.SQL("unnest(ARRAY(SELECT row_tid FROM batch)) b(row_tid)")
    columns = [pk, *(_column(model, n) for n in (*policy.files, *policy.proof))]
    returning = _COMMA.join(sql.Identifier("d", c) for c in dict.fromkeys(columns))
    gone = sql.SQL("gone AS (DELETE FROM {} d USING {} WHERE d.ctid = b.row_tid RETURNING {})")
    ctes.append(gone.format(_table(model), tids, returning))
    return ctes


def _result(policy: Policy, keyset: bool) -> tuple[list[sql.Composable], sql.Composable]:
    """What the statement returns: the deleted files, or the count; then the keyset cursor."""
    pk = sql.Identifier(policy.model._meta.pk.column)
    ctes: list[sql.Composable] = []
    cursor = sql.SQL("")
    if keyset:
        last = sql.SQL("last AS (SELECT k_anchor, {} FROM batch ORDER BY 1 DESC, 2 DESC LIMIT 1)")
        ctes.append(last.format(pk))
        cursor = sql.SQL(", (SELECT k_anchor FROM last), (SELECT {} FROM last)").format(pk)
    if policy.files:
        files = _COMMA.join(sql.Identifier(_column(policy.model, n)) for n in policy.files)
        return ctes, sql.SQL("SELECT {}{} FROM gone").format(files, cursor)
    # With a keyset, a row even when nothing was deleted: the cursor still moves past skipped
    # rows.
    return ctes, sql.SQL("SELECT (SELECT count(*) FROM gone){}").format(cursor)


def delete_batch(
    policy: Policy, *, now: datetime, limit: int, after: tuple | None = None
) -> Statement:
    """One batch: children first, then at most `limit` parents, in one statement.

    Django's foreign keys are DEFERRABLE INITIALLY DEFERRED in PostgreSQL, so they are checked
    at the commit that ends the batch, when children and parents are gone together.
    With a keyset (a plain anchor column), the result ends with the (anchor, pk) of the last
    row the batch took: pass it as `after` to the next batch (its anchor is the cursor).
    The batch leaves its own trail: an audit event per row for a policy with `proof`, else
    one for the batch.
    """
    where, params = expired_condition(policy, now=now)
    keyset_sql, keyset_params, keyset = _oldest_first(policy, after)
    pick = sql.SQL("FROM {} t WHERE {}{} LIMIT %s").format(_table(policy.model), where, keyset_sql)
    ctes = _picked_ctes(policy, pick, keyset)
    trail, trail_params = _proof_cte(policy, now) if policy.proof else _batch_audit_cte(policy, now)
    result_ctes, select = _result(policy, keyset)
    statement = sql.SQL("WITH {} {}").format(_COMMA.join([*ctes, trail, *result_ctes]), select)
    return Statement(
        as_string(statement),
        [*params, *keyset_params, limit, *trail_params],
        "files" if policy.files else "count",
        tuple(policy.model._meta.get_field(name) for name in policy.files),
        keyset,
    )


def count_expired(policy: Policy, *, now: datetime) -> Statement:
    where, params = expired_condition(policy, now=now)
    query = sql.SQL("SELECT count(*) FROM {} t WHERE {}").format(_table(policy.model), where)
    return Statement(as_string(query), params)

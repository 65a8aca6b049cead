# ruff: noqa: S608 -- identifiers come from the catalog and are quoted by _quote()
"""Cloning the template schema into a new extranet's schema, in a time that does not grow with
the number of extranets.

django-tenants' clone_schema() is a 3,500-line PL/pgSQL function that reads
information_schema views and casts `relnamespace::regnamespace::text` on every row of pg_class,
once per table and per index of the template: each of those is a scan of the whole catalog, which
holds ~130 relations per extranet. Measured on the embedded PostgreSQL (pg_stat_user_functions,
track_functions=all), its self time went from 0.2 s on an empty cluster to 0.8-1.5 s at 10-40
extranets and kept growing with every schema (see docs/scaling.md).

Here the template's catalog is read once per template state (cached in the process, keyed by the
template's schema oid and its django_migrations rows) and turned into plain DDL; a clone replays it
with `search_path` set to the new schema. Every statement of a clone looks catalog rows up by
name or oid through an index, so its cost depends on the template's size only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection

_cache: dict[tuple, CloneScript] = {}


@dataclass(frozen=True)
class CloneScript:
    """The DDL and data copy that turn an empty schema into a copy of the template."""

    tables: tuple[str, ...]
    indexes: tuple[str, ...]
    foreign_keys: tuple[str, ...]
    sequences: tuple[tuple[str, str, str], ...]  # (table, column, source sequence), quoted


def _template_key(cursor, source: str) -> tuple:
    cursor.execute(
        "SELECT %s::regnamespace::oid, count(*), max(id) "
        f"FROM {_qualified(source, 'django_migrations')}",
        [_quote(source)],
    )
    return (source, *cursor.fetchone())


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _qualified(schema: str, name: str) -> str:
    return f"{_quote(schema)}.{_quote(name)}"


def _read_template(cursor, source: str) -> CloneScript:
    namespace = _quote(source)
    cursor.execute(
        "SELECT c.oid, c.relname FROM pg_class c WHERE c.relnamespace = %s::regnamespace "
        "AND c.relkind NOT IN ('r', 'i', 'S') LIMIT 1",
        [namespace],
    )
    unsupported = cursor.fetchone()
    if unsupported:
        # Views, partitioned tables, composite types...: Django migrations create none of them.
        # A clone that left one out would be silently incomplete, so refuse instead.
        raise RuntimeError(f"the template schema holds {unsupported[1]!r}, which cannot be cloned")
    cursor.execute(
        "SELECT c.relname FROM pg_class c WHERE c.relnamespace = %s::regnamespace "
        "AND c.relkind = 'r' ORDER BY c.relname",
        [namespace],
    )
    tables = [row[0] for row in cursor.fetchall()]
    cursor.execute("SELECT quote_ident(%s)", [source])
    on_source = re.compile(r" ON (ONLY )?" + re.escape(cursor.fetchone()[0]) + r"\.")
    # Names are kept: later migrations remove indexes and constraints by name.
    cursor.execute(
        "SELECT pg_get_indexdef(i.indexrelid), con.conname, t.relname, "
        "pg_get_constraintdef(con.oid) "
        "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
        "LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid "
        "AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x') "
        "WHERE t.relnamespace = %s::regnamespace ORDER BY t.relname, i.indexrelid",
        [namespace],
    )
    indexes = []
    for indexdef, conname, table, condef in cursor.fetchall():
        if conname:
            indexes.append(f"ALTER TABLE {_quote(table)} ADD CONSTRAINT {_quote(conname)} {condef}")
        else:
            indexes.append(on_source.sub(lambda m: f" ON {m.group(1) or ''}", indexdef, count=1))
    # With the template alone on the search_path, references inside it come out unqualified
    # (and land in the new schema) while a reference to any other schema stays qualified.
    # The next cursor Django opens sets the connection's own search_path again.
    cursor.execute("SELECT set_config('search_path', %s, false)", [namespace])
    cursor.execute(
        "SELECT t.relname, con.conname, pg_get_constraintdef(con.oid) "
        "FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid "
        "WHERE t.relnamespace = %s::regnamespace AND con.contype = 'f' "
        "ORDER BY t.relname, con.conname",
        [namespace],
    )
    foreign_keys = [
        f"ALTER TABLE {_quote(table)} ADD CONSTRAINT {_quote(name)} {definition}"
        for table, name, definition in cursor.fetchall()
    ]
    cursor.execute(
        "SELECT t.relname, a.attname, s.relname FROM pg_class s "
        "JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid "
        "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
        "JOIN pg_class t ON t.oid = d.refobjid "
        "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
        "WHERE s.relkind = 'S' AND s.relnamespace = %s::regnamespace",
        [namespace],
    )
    sequences = tuple(
        (_quote(table), column, _qualified(source, seq)) for table, column, seq in cursor.fetchall()
    )
    like = (
        "INCLUDING COMMENTS INCLUDING COMPRESSION INCLUDING CONSTRAINTS INCLUDING DEFAULTS "
        "INCLUDING GENERATED INCLUDING IDENTITY INCLUDING STATISTICS INCLUDING STORAGE"
    )
    return CloneScript(
        tables=tuple(
            f"CREATE TABLE {_quote(t)} (LIKE {_qualified(source, t)} {like})" for t in tables
        )
        + tuple(
            f"INSERT INTO {_quote(t)} OVERRIDING SYSTEM VALUE SELECT * FROM {_qualified(source, t)}"
            for t in tables
        ),
        indexes=tuple(indexes),
        foreign_keys=tuple(foreign_keys),
        sequences=sequences,
    )


def clone_script(*, source: str) -> CloneScript:
    """The template's clone script, read from the catalog once per template state."""
    with connection.cursor() as cursor:
        key = _template_key(cursor, source)
        if key not in _cache:
            _cache.clear()
            _cache[key] = _read_template(cursor, source)
        return _cache[key]


def schema_clone(*, source: str, target: str) -> None:
    """Create schema `target` as a copy of `source`: tables, indexes, constraints and rows."""
    script = clone_script(source=source)
    setvals = [
        f"SELECT setval(pg_get_serial_sequence('{_quote(target)}.{table}', '{column}'), "
        f"s.last_value, s.is_called) FROM {sequence} s"
        for table, column, sequence in script.sequences
    ]
    statements = [
        f"CREATE SCHEMA {_quote(target)}",
        f"SELECT set_config('search_path', '{_quote(target)}', false)",
        *script.tables,
        *script.indexes,
        *script.foreign_keys,
        *setvals,
    ]
    with connection.cursor() as cursor:
        # One round trip; the next cursor Django opens sets the tenant's search_path again.
        cursor.execute(";\n".join(statements))

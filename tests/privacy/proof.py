"""The erasure proof: it reads everything the platform stores, as an attacker with a database
dump, the encryption keys and the disks would.

- every column of every table of the given schemas, whatever its type (text, inet, json,
  arrays, numbers...), encrypted columns decrypted with the platform's keys;
- every file under MEDIA_ROOT and PRIVATE_MEDIA_ROOT written since `files_snapshot()` (ZIPs
  are opened and read too).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import connection

from core import crypto
from core.fields import encrypted_fields


def _roots() -> list[Path]:
    return [Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)]


def files_snapshot() -> set[Path]:
    return {p for root in _roots() if root.exists() for p in root.rglob("*") if p.is_file()}


def _encrypted_columns() -> set[tuple[str, str]]:
    return {(f.model._meta.db_table, f.column) for f in encrypted_fields()}


def _as_text(value, encrypted: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, memoryview | bytes):
        return bytes(value).decode("latin-1")
    if isinstance(value, dict | list):
        return json.dumps(value, default=str, ensure_ascii=False)
    text = str(value)
    if encrypted and text:
        try:
            return crypto.decrypt(text)
        except Exception:  # not a token: read it as stored
            return text
    return text


def _tables(schema: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = %s AND table_type = 'BASE TABLE'",
            [schema],
        )
        return [name for (name,) in cursor.fetchall()]


def table_hits(schema: str, needles: list[str]) -> dict[str, set[str]]:
    """{table: {columns}} of `schema` where a value contains a needle (case-insensitive)."""
    lowered = [n.lower() for n in needles if n]
    encrypted = _encrypted_columns()
    hits: dict[str, set[str]] = {}
    with connection.cursor() as cursor:
        for table in _tables(schema):
            cursor.execute(f'SELECT * FROM "{schema}"."{table}"')
            columns = [c.name for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = _as_text(value, (table, column) in encrypted).lower()
                    if any(n in text for n in lowered):
                        hits.setdefault(table, set()).add(column)
    return hits


def _file_text(path: Path) -> str:
    data = path.read_bytes()
    if crypto.is_encrypted_file(data):  # an export at rest: read what it holds
        data = b"".join(crypto.decrypt_file(io.BytesIO(data)))
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            data = b"".join(zf.read(name) for name in zf.namelist())
    return data.decode("latin-1").lower()


def file_hits(needles: list[str], *, before: set[Path]) -> list[Path]:
    """Files written since `before` that still exist and contain a needle."""
    lowered = [n.lower() for n in needles if n]
    return sorted(p for p in files_snapshot() - before if any(n in _file_text(p) for n in lowered))

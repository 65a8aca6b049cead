"""Rows that expire at a given time, and retention runs at a given time."""

from datetime import datetime

import time_machine
from django.contrib.sessions.models import Session
from django.db import transaction

from core.audit import Actor, AuditAction
from core.services import audit_log
from retention.batch import LOCK_CLASS
from retention.models import RetentionPolicyRun
from retention.services import retention_run_now


def events_at(when: datetime, count: int = 1, actor=None) -> list[int]:
    """Audit events recorded at `when`, in the connection's current schema."""
    with time_machine.travel(when, tick=False), transaction.atomic():
        return [
            audit_log(actor=Actor.of(actor), action=AuditAction.PROFILE_UPDATED).pk
            for _ in range(count)
        ]


def session_expiring(when: datetime, key: str) -> Session:
    return Session.objects.create(session_key=key, session_data="x", expire_date=when)


def run_at(when: datetime, *, schemas: list[str], policies: list[str] | None = None):
    with time_machine.travel(when, tick=False):
        return retention_run_now(schemas=schemas, policy_keys=policies)


def rows_purged(run, schema: str, policy: str) -> int:
    return RetentionPolicyRun.objects.get(run=run, schema_name=schema, policy_key=policy).rows


def lock_free(conn, schema: str) -> bool:
    """Whether `conn` can take the purge lock of `schema` (released again at once)."""
    with conn.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, hashtext(%s))", [LOCK_CLASS, schema])
        taken = cursor.fetchone()[0]
        if taken:
            cursor.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", [LOCK_CLASS, schema])
    return taken

"""A transactional outbox for Celery: the state change and the task that depends on it commit
together, and a relay hands the task to the broker afterwards.

The relay runs right after the commit (so work starts at once when Redis is up) and again every
minute from beat (`core.outbox_relay`), so a Redis outage delays the work but never loses it. A
message is marked sent in the transaction that publishes it: a crash between the two sends it
again, which is why every task queued this way is idempotent.

Why not a library: django-celery-outbox and the like do not carry the tenant (schema and
extranet id) that our tasks must run in or be discarded; this is one model and two functions.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from core.models import OnceKey, OutboxMessage

logger = logging.getLogger(__name__)

RELAY_BATCH = 500
# What a publish raises when the broker is unreachable. Anything else (an eager task's own
# error, in tests) is not an outage and propagates.
BROKER_ERRORS = (KombuError, RedisError, OSError)
# A broker that refuses a message (Redis down) is retried by the next relay; the backoff only
# spaces out the log lines and the attempts of one message, capped so the delay stays short.
MAX_BACKOFF = timedelta(minutes=5)
# Publishing to a Redis that is down still costs seconds (kombu's connection timeout) even with
# retry=False. After a failure, the relays that follow a web request's commit skip the broker for
# this long and leave their messages to beat's relay, so an outage slows one request per process
# in that time, not every request. Beat's relay always tries.
BROKER_DOWN_PAUSE_SECONDS = 30.0
_broker_down_until = 0.0  # time.monotonic() before which after-commit relays skip the broker


def outbox_enqueue(
    *,
    task_name: str,
    args: list | tuple = (),
    kwargs: dict | None = None,
    key: str = "",
    countdown: int = 0,
) -> OutboxMessage:
    """Queue a task in the caller's transaction, for the caller's schema (and its extranet).

    With a `key`, a second call returns the first message and queues nothing new.
    """
    from perfony.celery import current_tenant

    schema_name, extranet_id = current_tenant()
    fields = {
        "task_name": task_name,
        "args": list(args),
        "kwargs": kwargs or {},
        "schema_name": schema_name,
        "extranet_id": extranet_id,
        "available_at": timezone.now() + timedelta(seconds=countdown),
    }
    with schema_context(get_public_schema_name()), transaction.atomic():
        if key:
            message, created = OutboxMessage.objects.get_or_create(key=key, defaults=fields)
            if not created:
                return message
        else:
            message = OutboxMessage.objects.create(**fields)
    if not countdown:
        transaction.on_commit(partial(_relay_after_commit, message.pk))
    return message


def _relay_after_commit(message_id: int) -> None:
    # Never raise into the caller: its work is committed, and the beat relay will retry.
    if time.monotonic() < _broker_down_until:
        return
    outbox_relay(ids=[message_id])


def _broker_state_note(*, down: bool) -> None:
    global _broker_down_until
    _broker_down_until = time.monotonic() + BROKER_DOWN_PAUSE_SECONDS if down else 0.0


def _publish(message: OutboxMessage) -> None:
    from perfony.celery import app

    headers = {"_schema_name": message.schema_name, "_extranet_id": message.extranet_id}
    # retry=False: a down broker fails at once instead of holding a web request for seconds.
    if message.task_name not in app.tasks:
        app.loader.import_default_modules()  # outside a worker, the tasks modules load lazily
    app.tasks[message.task_name].apply_async(
        args=message.args, kwargs=message.kwargs, headers=headers, retry=False
    )


def _backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=2**attempts), MAX_BACKOFF)


def outbox_relay(*, ids: list[int] | None = None, now: datetime | None = None) -> int:
    """Send unsent messages to the broker; returns how many were sent. Safe to run in parallel:
    each message is locked while it is published, and others skip it."""
    sent = 0
    with schema_context(get_public_schema_name()):
        while True:
            batch_sent, more = _relay_batch(ids=ids, now=now or timezone.now())
            sent += batch_sent
            if not more:
                return sent


def _relay_batch(*, ids: list[int] | None, now: datetime) -> tuple[int, bool]:
    sent = 0
    with transaction.atomic():
        pending = OutboxMessage.objects.select_for_update(skip_locked=True).filter(
            sent_at__isnull=True, available_at__lte=now
        )
        if ids is not None:
            pending = pending.filter(pk__in=ids)
        batch = list(pending.order_by("pk")[:RELAY_BATCH])
        for message in batch:
            try:
                _publish(message)
            except BROKER_ERRORS as exc:
                _failed(message, exc, now)
                _broker_state_note(down=True)
                return sent, False  # the broker is down: the next relay tries again
            _broker_state_note(down=False)
            message.sent_at = timezone.now()
            message.attempts += 1
            message.save(update_fields=["sent_at", "attempts"])
            sent += 1
    return sent, len(batch) == RELAY_BATCH


def _failed(message: OutboxMessage, exc: Exception, now: datetime) -> None:
    message.attempts += 1
    message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    message.available_at = now + _backoff(message.attempts)
    message.save(update_fields=["attempts", "last_error", "available_at"])
    logger.warning(
        "outbox: broker unreachable, %s #%s waits for the next relay (%s)",
        message.task_name,
        message.pk,
        message.last_error,
    )


def outbox_message_sent(*, message_id: int) -> bool:
    with schema_context(get_public_schema_name()):
        return OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=False).exists()


def outbox_pending_count() -> int:
    with schema_context(get_public_schema_name()):
        return OutboxMessage.objects.filter(sent_at__isnull=True).count()


def outbox_sent_purge(*, older_than: timedelta = timedelta(days=7)) -> int:
    """Sent messages are history only; a week of them is enough to investigate a problem."""
    with schema_context(get_public_schema_name()):
        cutoff = timezone.now() - older_than
        return OutboxMessage.objects.filter(sent_at__lt=cutoff).delete()[0]


def once_claim(*, key: str) -> bool:
    """True the first time `key` is claimed (in public), False ever after.

    Call it inside the transaction of the work it guards: if the work fails, the claim is rolled
    back with it and the next beat tries again.
    """
    with schema_context(get_public_schema_name()):
        try:
            with transaction.atomic():
                OnceKey.objects.create(key=key)
        except IntegrityError:
            return False
    return True

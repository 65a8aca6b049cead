"""Health checks: the platform's own (database, Redis, Celery queue, outbox) and those apps
register; /healthz reports them all and answers 503 when any fails.

Each check returns (ok, detail) and never raises: a check that cannot answer has failed.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django_tenants.utils import get_public_schema_name

_CHECKS: dict[str, Callable[[], tuple[bool, str]]] = {}
TIMEOUT_SECONDS = 1.0


def register(name: str, check: Callable[[], tuple[bool, str]]) -> None:
    _CHECKS[name] = check


def _guarded(check: Callable[[], tuple[bool, str]]) -> tuple[bool, str]:
    try:
        return check()
    except Exception as exc:  # a failing dependency is a result here, not an error
        return False, f"{type(exc).__name__}: {exc}"[:300]


def database_check() -> tuple[bool, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return True, "ok"


def redis_check() -> tuple[bool, str]:
    """The Redis behind the cache (and, by default, the broker), asked directly: the cache may
    be falling back to process memory while Redis is down (perfony/cache.py)."""
    import redis

    location = settings.CACHES["default"]["LOCATION"]
    client = redis.Redis.from_url(
        location, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS
    )
    try:
        client.ping()
    finally:
        client.close()
    return True, "ok"


def queue_depth_check() -> tuple[bool, str]:
    """Messages waiting in the default Celery queue: too many means the workers are behind or
    gone. `HEALTH_MAX_QUEUE_DEPTH` (default 1000) sets the limit."""
    from perfony.celery import app

    limit = int(getattr(settings, "HEALTH_MAX_QUEUE_DEPTH", 1000))
    queue = app.conf.task_default_queue
    with app.connection_for_read(connect_timeout=TIMEOUT_SECONDS) as conn:
        conn.ensure_connection(max_retries=1, timeout=TIMEOUT_SECONDS)
        depth = conn.default_channel.queue_declare(queue=queue, passive=False).message_count
    detail = f"{depth} waiting"
    return depth <= limit, detail if depth <= limit else f"{detail} (limit {limit})"


def outbox_check() -> tuple[bool, str]:
    """Work the outbox could not hand to the broker for more than 5 minutes."""
    from datetime import timedelta

    from django.utils import timezone
    from django_tenants.utils import schema_context

    from core.models import OutboxMessage

    with schema_context(get_public_schema_name()):
        late = OutboxMessage.objects.filter(
            sent_at__isnull=True, created_at__lt=timezone.now() - timedelta(minutes=5)
        ).count()
    return late == 0, "ok" if late == 0 else f"{late} task(s) not queued for over 5 minutes"


BUILTIN: dict[str, Callable[[], tuple[bool, str]]] = {
    "database": database_check,
    "redis": redis_check,
    "celery_queue": queue_depth_check,
    "outbox": outbox_check,
}


def extra_checks() -> dict[str, tuple[bool, str]]:
    return {name: _guarded(check) for name, check in _CHECKS.items()}


def all_checks() -> dict[str, tuple[bool, str]]:
    results = {name: _guarded(check) for name, check in BUILTIN.items()}
    if not results["database"][0]:
        # The other checks read the database too; they would only repeat its failure.
        return results
    return {**results, **extra_checks()}


class HealthzMiddleware:
    """Answer /healthz with 503 when the database is down, before the tenant routing (which
    reads the database to find the host's schema) turns the outage into a 500. With the
    database up, the request goes on to the normal view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            ok, detail = _guarded(database_check)
            if not ok:
                from django.http import JsonResponse

                body = {"status": "problem", "checks": {"database": detail}}
                return JsonResponse(body, status=503)
        return self.get_response(request)

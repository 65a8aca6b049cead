"""The cache: Redis, and this process's memory while Redis cannot be reached.

Login, the contact, newsletter and DPO forms all count attempts in the cache (our rate limits
and allauth's). With a plain Redis backend, a Redis outage turned each of them into a 500. Here a
failed call switches the process to a local memory cache for `RETRY_AFTER` seconds, then tries
Redis again, and logs a warning at most once a minute. Callers that must not fall back to
per-process memory (the captcha's single-use check) use `shared_add`, which says when Redis
did not answer, and keep their own fallback (the database).

Counts kept in memory are per process: `fallback_limit` divides our own limits while Redis is
down (by `RATE_LIMIT_FALLBACK_DIVISOR`, the number of web processes), so the whole site stays
at or below its usual limit: stricter rather than absent. allauth's login limits fall back to
per-process memory through this cache, without the division.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("perfony.cache")

RETRY_AFTER = 5.0  # seconds without trying Redis after it failed
WARN_EVERY = 60.0  # at most one warning a minute per process
TIMEOUT_SECONDS = 1.0
REDIS_ERRORS = (RedisError, OSError)

_state = {"down_until": 0.0, "warned_at": -WARN_EVERY}
_lock = threading.Lock()


def redis_down() -> bool:
    """True while this process serves the cache from memory (Redis failed a moment ago)."""
    return time.monotonic() < _state["down_until"]


def _trip(exc: Exception) -> None:
    now = time.monotonic()
    with _lock:
        _state["down_until"] = now + RETRY_AFTER
        if now - _state["warned_at"] < WARN_EVERY:
            return
        _state["warned_at"] = now
    logger.warning(
        "Redis unreachable (%s: %s): cache and rate limits use this process's memory",
        type(exc).__name__,
        exc,
    )


def breaker_reset() -> None:
    """Forget a past failure (tests that restart Redis)."""
    _state["down_until"] = 0.0


def warn_once_a_minute(key: str, message: str, *args) -> None:
    """A fallback's warning, at most once a minute per process and `key`."""
    now = time.monotonic()
    with _lock:
        last = _state.get(f"warned:{key}", -WARN_EVERY)
        if now - last < WARN_EVERY:
            return
        _state[f"warned:{key}"] = now
    logger.warning(message, *args)


def _with_fallback(name: str):
    def method(self, *args, **kwargs):
        if not redis_down():
            try:
                return getattr(super(FallbackRedisCache, self), name)(*args, **kwargs)
            except REDIS_ERRORS as exc:
                _trip(exc)
        return getattr(self.local, name)(*args, **kwargs)

    method.__name__ = name
    return method


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": dict(params.get("OPTIONS") or {})}
        # Fail fast: a Redis that does not answer must not hold a login for the default 20 s.
        params["OPTIONS"].setdefault("socket_connect_timeout", TIMEOUT_SECONDS)
        params["OPTIONS"].setdefault("socket_timeout", TIMEOUT_SECONDS)
        super().__init__(server, params)
        local_params = {k: v for k, v in params.items() if k not in ("OPTIONS", "LOCATION")}
        self.local = LocMemCache("perfony-cache-fallback", local_params)

    add = _with_fallback("add")
    get = _with_fallback("get")
    set = _with_fallback("set")
    touch = _with_fallback("touch")
    delete = _with_fallback("delete")
    get_many = _with_fallback("get_many")
    has_key = _with_fallback("has_key")
    incr = _with_fallback("incr")
    set_many = _with_fallback("set_many")
    delete_many = _with_fallback("delete_many")
    clear = _with_fallback("clear")

    def shared_add(self, key, value, timeout) -> bool | None:
        """`add` in Redis only: True or False, or None when Redis did not answer."""
        if redis_down():
            return None
        try:
            return super().add(key, value, timeout)
        except REDIS_ERRORS as exc:
            _trip(exc)
            return None


def shared_add(key: str, value, timeout: int) -> bool | None:
    """Add to the shared cache; None when it cannot be reached (or is not Redis)."""
    from django.core.cache import cache

    add = getattr(cache, "shared_add", None)
    if add is None:
        return None
    return add(key, value, timeout)


def fallback_limit(limit: int) -> int:
    """A rate limit to apply now: `limit`, or its share per process while Redis is down."""
    if not redis_down():
        return limit
    from django.conf import settings

    divisor = max(1, int(getattr(settings, "RATE_LIMIT_FALLBACK_DIVISOR", 3)))
    return max(1, limit // divisor)

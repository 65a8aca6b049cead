"""Fixed-window rate limits in the cache, keyed by a hash so no address or IP is kept in Redis."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from core import http
from perfony.cache import fallback_limit


def _key(scope: str, value: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{value}".encode()).hexdigest()
    return f"ratelimit:{scope}:{digest[:32]}"


def rate_limit_exceeded(*, scope: str, value: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt; True once more than `limit` attempts fall in the window."""
    key = _key(scope, value.strip().lower())
    if cache.add(key, 1, timeout=window_seconds):
        return False
    try:
        # Without Redis the count is this process's only: a smaller share of the limit.
        return cache.incr(key) > fallback_limit(limit)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds)
        return False


def client_ip(request) -> str:
    return http.client_ip(request)

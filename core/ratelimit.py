"""Fixed-window rate limits in the cache, keyed by a hash so no address or IP is kept in Redis.

The one limiter of the public forms (contact, newsletter, referral, careers, DPO requests).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from perfony.cache import fallback_limit


def _key(scope: str, value: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{value}".encode()).hexdigest()
    return f"ratelimit:{scope}:{digest[:32]}"


def rate_limit_exceeded(*, scope: str, value: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt; True once more than `limit` attempts fall in the window.

    `value` is compared without case or surrounding spaces (an address, an IP). While Redis is
    down the count is this process's only, so a smaller share of the limit applies.
    """
    key = _key(scope, value.strip().lower())
    if cache.add(key, 1, timeout=window_seconds):
        return False
    try:
        return cache.incr(key) > fallback_limit(limit)
    except ValueError:
        # The window ended between `add` and `incr`: this attempt opens the next one.
        cache.add(key, 1, timeout=window_seconds)
        return False

"""The one rate limiter of the public forms: a fixed window per scope and value, in the cache,
keyed by a hash; an attempt whose window ends between `add` and `incr` opens the next one."""

import pytest
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.test import override_settings

from core import ratelimit
from core.ratelimit import rate_limit_exceeded

pytestmark = pytest.mark.django_db


class WindowEndsBeforeIncr(LocMemCache):
    """A cache whose key is still there for `add` and gone for `incr`: the window ended in
    between, as it does in Redis when the key's TTL runs out at that moment."""

    def incr(self, key, delta=1, version=None):
        self.delete(key, version=version)
        return super().incr(key, delta, version)


WINDOW_ENDS_BEFORE_INCR = {
    "default": {"BACKEND": f"{__name__}.WindowEndsBeforeIncr", "LOCATION": "window-ends"}
}


def _attempt(value="203.0.113.9", limit=3):
    return rate_limit_exceeded(scope="test", value=value, limit=limit, window_seconds=600)


def test_the_limit_is_reached_after_limit_attempts():
    assert [_attempt() for _ in range(4)] == [False, False, False, True]


def test_each_value_and_scope_has_its_own_count():
    for _ in range(3):
        _attempt()
    assert _attempt(value="198.51.100.7") is False
    assert (
        rate_limit_exceeded(scope="other", value="203.0.113.9", limit=3, window_seconds=600)
        is False
    )


def test_the_value_is_counted_without_case_or_spaces():
    for _ in range(3):
        _attempt(value="Ann@Example.org")
    assert _attempt(value="  ann@example.org ") is True


def test_the_cache_holds_a_hash_not_the_value():
    _attempt(value="ann@example.org")
    key = ratelimit._key("test", "ann@example.org")
    assert "ann@example.org" not in key
    assert cache.get(key) == 1


@override_settings(CACHES=WINDOW_ENDS_BEFORE_INCR)
def test_a_window_that_ends_between_add_and_incr_opens_the_next_one():
    assert _attempt() is False  # opens the window: `add` only
    # `add` sees the key, `incr` does not: before, this raised ValueError (a 500 on the form).
    assert _attempt() is False
    assert cache.get(ratelimit._key("test", "203.0.113.9")) == 1  # the new window's first try

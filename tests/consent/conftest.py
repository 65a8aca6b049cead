import pytest

from consent.models import ConsentRecord


@pytest.fixture
def record_count():
    return lambda: ConsentRecord.objects.count()


@pytest.fixture(autouse=True)
def _fresh_cookie_policy_version():
    """A version created in a rolled-back test must not stay in the per-process cache."""
    from consent.selectors import consent_version_cache_clear

    consent_version_cache_clear()
    yield
    consent_version_cache_clear()

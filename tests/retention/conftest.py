import pytest

# Helpers live in tests/support/; these names stay importable from here only so that an old
# `from tests.retention.conftest import ...` keeps working until every module imports from there.
from tests.support.clock import PARIS, T0  # noqa: F401
from tests.support.retention import events_at, rows_purged, run_at, session_expiring  # noqa: F401


@pytest.fixture
def small_batches(settings):
    settings.RETENTION_BATCH_SIZE = 2
    return 2

import pytest


@pytest.fixture
def small_batches(settings):
    settings.RETENTION_BATCH_SIZE = 2
    return 2

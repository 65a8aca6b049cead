import pytest
from django.db import connections


@pytest.fixture
def small_batches(settings):
    settings.RETENTION_BATCH_SIZE = 2
    return 2


@pytest.fixture
def other_connection():
    """A second connection to the database, as another worker has."""
    conn = connections.create_connection("default")
    yield conn
    conn.close()

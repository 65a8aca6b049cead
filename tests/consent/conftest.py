import pytest

from consent.models import ConsentRecord


def consent_post(client, action="accept_all", **extra):
    data = {"action": action, "next": "/", **extra}
    return client.post("/consent/", data)


@pytest.fixture
def record_count():
    return lambda: ConsentRecord.objects.count()

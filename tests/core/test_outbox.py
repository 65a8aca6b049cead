"""With the broker down, a web request's after-commit relay pays the connection timeout once per
pause, not on every request; beat's relay keeps trying and delivers when the broker is back."""

import pytest

from core import outbox
from core.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_state():
    outbox._broker_state_note(down=False)
    yield
    outbox._broker_state_note(down=False)


def _message() -> OutboxMessage:
    return outbox.outbox_enqueue(task_name="core.outbox_relay")


def test_after_a_failure_the_next_after_commit_relay_skips_the_broker(
    broker_on_own_redis, broker_state
):
    broker_on_own_redis.stop()
    first, second = _message(), _message()
    outbox._relay_after_commit(first.pk)
    outbox._relay_after_commit(second.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.attempts == 1 and first.sent_at is None  # tried, and failed
    assert second.attempts == 0 and second.sent_at is None  # not tried: left to beat's relay


def test_beat_relay_still_tries_and_delivers_once_the_broker_is_back(
    broker_on_own_redis, broker_state
):
    broker_on_own_redis.stop()
    waiting = _message()
    outbox._relay_after_commit(waiting.pk)
    broker_on_own_redis.start()
    OutboxMessage.objects.filter(pk=waiting.pk).update(available_at=waiting.created_at)
    assert outbox.outbox_relay() == 1  # beat's relay ignores the pause
    waiting.refresh_from_db()
    assert waiting.sent_at is not None
    # A success ends the pause: the next request's relay publishes at once.
    fresh = _message()
    outbox._relay_after_commit(fresh.pk)
    fresh.refresh_from_db()
    assert fresh.sent_at is not None

"""Beat jobs of the outbox. Thin: core.outbox does the work."""

from core import outbox
from perfony.celery import app


@app.task(name="core.outbox_relay")
def outbox_relay() -> int:
    """Every minute: whatever the relay after commit could not send (the broker was down)."""
    return outbox.outbox_relay()


@app.task(name="core.outbox_sent_purge")
def outbox_sent_purge() -> int:
    return outbox.outbox_sent_purge()

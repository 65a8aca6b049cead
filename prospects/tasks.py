from django.db import transaction

from core.outbox import outbox_enqueue
from perfony.celery import app
from prospects import services


@app.task
def newsletter_issue_send(issue_id: int) -> None:
    """One batch per run, then queue the next (through the outbox, so a broker outage between
    two batches only delays the rest): a crash resumes where the deliveries stop."""
    if services.newsletter_issue_send_batch(issue_id=issue_id):
        with transaction.atomic():
            outbox_enqueue(task_name=newsletter_issue_send.name, args=[issue_id])

"""Thin: prospects.services does the work."""

from perfony.celery import EMAIL_TASK_OPTIONS, app
from prospects import services


@app.task(name=services.NEWSLETTER_ISSUE_SEND_TASK, **EMAIL_TASK_OPTIONS)
def newsletter_issue_send(issue_id: int) -> bool:
    """One batch per run, then the next is queued. Safe to retry: each subscriber's delivery
    row commits with their email, and a failed send rolls back only its own row."""
    return services.newsletter_issue_send(issue_id=issue_id)

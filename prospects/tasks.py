from perfony.celery import app
from prospects import services


@app.task
def newsletter_issue_send(issue_id: int) -> None:
    """One batch per run, then queue the next: a crash resumes where the deliveries stop."""
    if services.newsletter_issue_send_batch(issue_id=issue_id):
        newsletter_issue_send.delay(issue_id)

"""Thin: surveys.services does the work."""

from perfony.celery import EMAIL_TASK_OPTIONS, app
from surveys import services


@app.task(name=services.INVITATION_EMAILS_SEND_TASK, **EMAIL_TASK_OPTIONS)
def survey_invitation_emails_send(invitation_ids: list[int], language: str) -> int:
    """Email invitations not emailed yet. Safe to run twice or to resume after a crash."""
    return services.survey_invitation_emails_send(invitation_ids=invitation_ids, language=language)

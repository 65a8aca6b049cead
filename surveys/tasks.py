import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.text import email_subject
from perfony.celery import app
from surveys.models import SurveyInvitation
from surveys.services import survey_invitation_mark_emailed
from tenants.selectors import extranet_url

logger = logging.getLogger(__name__)
BATCH = 50


@app.task(name="surveys.invitation_emails_send")
def survey_invitation_emails_send(invitation_ids: list[int], language: str) -> int:
    """Email invitations not emailed yet. Safe to run twice or to resume after a crash."""
    sent = 0
    for start in range(0, len(invitation_ids), BATCH):
        sent += _send_batch(invitation_ids[start : start + BATCH], language)
    return sent


def _send_batch(ids: list[int], language: str) -> int:
    sent = 0
    with transaction.atomic():
        pending = (
            SurveyInvitation.objects.select_for_update(skip_locked=True)
            .filter(pk__in=ids, emailed_at__isnull=True, user__is_active=True)
            .select_related("meeting", "user")
        )
        for invitation in pending:
            if invitation.user.is_erased or not invitation.user.email:
                continue
            _send_one(invitation, language)
            survey_invitation_mark_emailed(invitation=invitation)
            sent += 1
    return sent


def _send_one(invitation: SurveyInvitation, language: str) -> None:
    url = extranet_url(
        extranet=connection.tenant,
        path=reverse("survey_answer", kwargs={"pk": invitation.pk}),
    )
    with translation.override(language):
        context = {"invitation": invitation, "url": url, "extranet": connection.tenant}
        subject = email_subject(render_to_string("surveys/email/invitation_subject.txt", context))
        body = render_to_string("surveys/email/invitation_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.user.email])

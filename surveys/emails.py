"""The invitation email of a survey (a plain-text message, in the language it is sent in)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.text import email_subject
from surveys.models import SurveyInvitation
from tenants.selectors import extranet_url


def survey_invitation_message(*, invitation: SurveyInvitation, language: str) -> EmailMessage:
    """Run in the invitation's extranet schema: the link points at this extranet."""
    url = extranet_url(
        extranet=connection.tenant,
        path=reverse("survey_answer", kwargs={"pk": invitation.pk}),
    )
    with translation.override(language):
        context = {"invitation": invitation, "url": url, "extranet": connection.tenant}
        subject = email_subject(render_to_string("surveys/email/invitation_subject.txt", context))
        body = render_to_string("surveys/email/invitation_body.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.user.email])

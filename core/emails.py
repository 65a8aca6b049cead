"""Outgoing emails of the public forms, rendered in the recipient's language."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from core.text import email_subject

logger = logging.getLogger(__name__)


def email_send(
    *, to: str, language: str, template: str, context: dict, headers: dict | None = None
) -> None:
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = email_subject(render_to_string(f"{template}_subject.txt", context))
        body = render_to_string(f"{template}.txt", context)
    EmailMessage(subject=subject, body=body, to=[to], headers=headers or {}).send()


def email_send_quietly(**kwargs) -> bool:
    """For courtesy emails (acknowledgements): what the visitor submitted is kept even if the
    mail server fails. The error is logged without its text, which names the recipient."""
    try:
        email_send(**kwargs)
    except (OSError, smtplib.SMTPException):
        logger.warning("Email %s could not be sent (details withheld).", kwargs.get("template"))
        return False
    return True

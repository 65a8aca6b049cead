from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from core.text import email_subject
from legal.models import PolicyVersion
from tenants.selectors import public_url


def policy_change_messages(*, policy: PolicyVersion, users) -> list[EmailMessage]:
    """One email per user, in the three languages: we do not know each member's language."""
    path = "/cookies/" if policy.kind == PolicyVersion.Kind.COOKIES else "/privacy/"
    context = {"policy": policy, "url": public_url(path=path)}
    subjects, bodies = [], []
    for code in ("nl", "fr", "en"):
        with translation.override(code):
            subjects.append(render_to_string("legal/email/policy_change_subject.txt", context))
            bodies.append(render_to_string("legal/email/policy_change.txt", context))
    subject = email_subject(" / ".join(s.strip() for s in subjects))
    body = "\n\n----------\n\n".join(bodies)
    return [
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]) for user in users
    ]

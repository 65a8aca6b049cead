"""Emails to the requester, in the language they used, and the daily reminder to staff."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation

from core.text import email_subject
from privacy.models import SubjectRequest
from tenants.selectors import public_url


def _render_text(name: str, context: dict) -> str:
    """A plain-text email: no HTML escaping (an apostrophe stays an apostrophe)."""
    from django.template import Context
    from django.template.loader import get_template

    return get_template(name).template.render(Context(context, autoescape=False))


def _cancel_url(subject_request: SubjectRequest) -> str:
    """A signed link to cancel the request, while it can still be cancelled."""
    from django.urls import reverse

    from privacy.tokens import cancel_token_make

    if not subject_request.is_cancellable:
        return ""
    token = cancel_token_make(request_id=subject_request.pk, email=subject_request.email)
    path = reverse("privacy:dpo_cancel", urlconf="perfony.urls_public", args=[token])
    return public_url(path=path)


def requester_email_send(
    *, subject_request: SubjectRequest, kind: str, context: dict | None = None
):
    """kind is one of received, verify, verified, extended, completed, refused, cancelled."""
    with translation.override(subject_request.language or settings.LANGUAGE_CODE):
        ctx = {
            "req": subject_request,
            "site_url": public_url(path=""),
            "cancel_url": _cancel_url(subject_request),
            **(context or {}),
        }
        subject = email_subject(_render_text(f"privacy/email/{kind}_subject.txt", ctx))
        body = _render_text(f"privacy/email/{kind}.txt", ctx)
    send_mail(subject, body, None, [subject_request.email])


def staff_reminder_send(*, requests: list[SubjectRequest], admin_url: str) -> None:
    body = _render_text(
        "privacy/email/staff_reminder.txt", {"requests": requests, "admin_url": admin_url}
    )
    subject = email_subject(f"[Perfony] {len(requests)} data-subject request(s) due within 7 days")
    send_mail(subject, body, None, [settings.STAFF_NOTIFICATION_EMAIL])


def extranet_admins_notify(*, subject_request: SubjectRequest, event: str) -> int:
    """Tell the admins of every extranet the request covers (event: received or closed).

    Type, status, dates and deadline only: never the details, never an export's content."""
    from django_tenants.utils import tenant_context

    from accounts.models import User
    from tenants.models import Extranet
    from tenants.selectors import extranet_url

    sent = 0
    for extranet in Extranet.objects.filter(schema_name__in=subject_request.extranet_schemas):
        with tenant_context(extranet):
            admins = list(
                User.objects.filter(is_extranet_admin=True, is_active=True)
                .exclude(email="")
                .exclude(email__iexact=subject_request.email)  # the requester knows
                .values_list("email", flat=True)
            )
        if not admins:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            ctx = {
                "req": subject_request,
                "extranet": extranet,
                "event": event,
                "page_url": extranet_url(extranet=extranet, path="/privacy-requests/"),
            }
            subject = email_subject(_render_text("privacy/email/extranet_admins_subject.txt", ctx))
            body = _render_text("privacy/email/extranet_admins.txt", ctx)
        send_mail(subject, body, None, admins)
        sent += 1
    return sent

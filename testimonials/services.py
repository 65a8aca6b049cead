from django.db import transaction
from django.utils import timezone

from core.audit import Actor, AuditAction
from core.emails import email_send, email_send_quietly
from core.http import ip_truncate
from core.services import audit_log
from tenants.selectors import public_page_url
from testimonials import tokens
from testimonials.models import Testimonial, TestimonialConsent

CLIENT = Actor.requester("testimonial client")
CONTENT_FIELDS = ("client_name", "client_function", "company", "quote", "logo")


@transaction.atomic
def testimonial_save(*, testimonial: Testimonial, changed: list[str], actor) -> Testimonial:
    """Staff edits. A change to what the client approved withdraws the publication."""
    created = testimonial.pk is None
    testimonial.save()
    if not created and set(changed) & set(CONTENT_FIELDS):
        testimonial.consents.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit_log(
        actor=Actor.of(actor),
        action=AuditAction.TESTIMONIAL_CREATED if created else AuditAction.TESTIMONIAL_UPDATED,
        obj=testimonial,
        data={"fields": sorted(changed)},
    )
    return testimonial


def consent_request_send(*, testimonial: Testimonial, actor) -> None:
    url = public_page_url(
        name="testimonials:consent", args=(tokens.CONSENT.make(value=testimonial.pk),)
    )
    email_send(
        to=testimonial.client_email,
        language=testimonial.language,
        template="testimonials/email/consent_request",
        context={"testimonial": testimonial, "url": url},
    )
    with transaction.atomic():
        testimonial.consent_requested_at = timezone.now()
        testimonial.save(update_fields=["consent_requested_at"])
        audit_log(
            actor=Actor.of(actor),
            action=AuditAction.TESTIMONIAL_CONSENT_REQUESTED,
            obj=testimonial,
        )


@transaction.atomic
def consent_give(
    *, testimonial: Testimonial, signer_name: str, scope: set[str], ip: str
) -> TestimonialConsent:
    """Replace any earlier consent: the newest answer is the one that counts."""
    now = timezone.now()
    testimonial.consents.filter(revoked_at__isnull=True).update(revoked_at=now)
    consent = TestimonialConsent.objects.create(
        testimonial=testimonial,
        signer_name=signer_name,
        email=testimonial.client_email,
        ip_truncated=ip_truncate(ip=ip),
        **{f"show_{part}": part in scope for part in ("name", "function", "logo", "quote")},
    )
    audit_log(
        actor=CLIENT,
        action=AuditAction.TESTIMONIAL_CONSENT_GIVEN,
        obj=consent,
        data={"scope": consent.scope},
    )
    email_send_quietly(
        to=testimonial.client_email,
        language=testimonial.language,
        template="testimonials/email/consent_given",
        context={"consent": consent, "url": revoke_url(consent=consent)},
    )
    return consent


def revoke_url(*, consent: TestimonialConsent) -> str:
    token = tokens.REVOKE.make(value=consent.pk)
    return public_page_url(name="testimonials:revoke", args=(token,))


@transaction.atomic
def consent_revoke(*, consent: TestimonialConsent, actor=None) -> None:
    if consent.revoked_at is None:
        consent.revoked_at = timezone.now()
        consent.save(update_fields=["revoked_at"])
        audit_log(
            actor=Actor.of(actor or CLIENT),
            action=AuditAction.TESTIMONIAL_CONSENT_REVOKED,
            obj=consent,
        )


@transaction.atomic
def testimonial_delete(*, testimonial: Testimonial, actor) -> None:
    audit_log(actor=Actor.of(actor), action=AuditAction.TESTIMONIAL_DELETED, obj=testimonial)
    if testimonial.logo:
        testimonial.logo.delete(save=False)
    testimonial.delete()

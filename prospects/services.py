from __future__ import annotations

import csv
import io
import logging
import smtplib

from django.db import transaction
from django.utils import timezone

from core.audit import Actor, AuditAction
from core.emails import email_send, email_send_quietly
from core.http import ip_truncate
from core.outbox import outbox_enqueue
from core.services import audit_log
from core.text import csv_cell
from privacy.selectors import email_is_suppressed
from privacy.services import suppression_add
from prospects import tokens
from prospects.models import (
    ContactMessage,
    NewsletterDelivery,
    NewsletterIssue,
    NewsletterSubscription,
    OptInProof,
    PartnerExport,
    Prospect,
)
from prospects.selectors import partner_sharing_contacts, subscription_pending_for_issue
from tenants.selectors import public_page_url

NEWSLETTER_BATCH_SIZE = 200
PUBLIC_FORM = Actor.requester("public form")
# The task that sends an issue, by name: services never import their tasks.
NEWSLETTER_ISSUE_SEND_TASK = "prospects.tasks.newsletter_issue_send"
logger = logging.getLogger(__name__)


@transaction.atomic
def prospect_touch(
    *, email: str, name: str = "", phone: str = "", company: str = "", language: str = ""
) -> Prospect:
    """Create or update the prospect for this address and move its last contact to now."""
    prospect, created = Prospect.objects.get_or_create(email=email.strip().lower())
    given = {"name": name, "phone": phone, "company": company, "language": language}
    changed = [
        field for field, value in given.items() if value and getattr(prospect, field) != value
    ]
    for field in changed:
        setattr(prospect, field, given[field])
    prospect.last_contact_at = timezone.now()
    prospect.save()
    audit_log(
        actor=PUBLIC_FORM,
        action=AuditAction.PROSPECT_CREATED if created else AuditAction.PROSPECT_UPDATED,
        obj=prospect,
        data={"fields": ["email", *changed] if created else changed},
    )
    return prospect


@transaction.atomic
def opt_in_record(
    *, prospect: Prospect, purpose: str, text_shown: str, language: str, source: str, ip: str
) -> OptInProof:
    proof = OptInProof.objects.create(
        prospect=prospect,
        purpose=purpose,
        text_shown=text_shown,
        language=language,
        source=source,
        ip_truncated=ip_truncate(ip=ip),
    )
    audit_log(
        actor=PUBLIC_FORM, action=AuditAction.OPT_IN_GIVEN, obj=proof, data={"purpose": purpose}
    )
    return proof


@transaction.atomic
def contact_message_submit(
    *,
    name: str,
    email: str,
    phone: str,
    company: str,
    message: str,
    language: str,
    ip: str,
    news_text: str | None,
    partners_text: str | None,
) -> ContactMessage:
    """`news_text`/`partners_text` are the labels of ticked boxes; None means not ticked."""
    prospect = prospect_touch(
        email=email, name=name, phone=phone, company=company, language=language
    )
    contact = ContactMessage.objects.create(prospect=prospect, message=message)
    audit_log(
        actor=PUBLIC_FORM,
        action=AuditAction.MESSAGE_RECEIVED,
        obj=contact,
        data={"fields": ["message"]},
    )
    if partners_text is not None:
        opt_in_record(
            prospect=prospect,
            purpose=OptInProof.Purpose.PARTNERS,
            text_shown=partners_text,
            language=language,
            source="contact",
            ip=ip,
        )
    if news_text is not None:
        _subscription_request(
            prospect=prospect, text_shown=news_text, language=language, source="contact", ip=ip
        )
    email_send_quietly(
        to=prospect.email,
        language=language,
        template="prospects/email/contact_ack",
        context={"name": prospect.name, "message": message},
    )
    return contact


@transaction.atomic
def newsletter_subscribe(
    *, email: str, name: str, language: str, text_shown: str, ip: str
) -> NewsletterSubscription | None:
    prospect = prospect_touch(email=email, name=name, language=language)
    return _subscription_request(
        prospect=prospect, text_shown=text_shown, language=language, source="newsletter", ip=ip
    )


def _subscription_request(
    *, prospect: Prospect, text_shown: str, language: str, source: str, ip: str
) -> NewsletterSubscription | None:
    """Record the ticked box and send the confirmation link (the second opt-in)."""
    opt_in_record(
        prospect=prospect,
        purpose=OptInProof.Purpose.NEWSLETTER,
        text_shown=text_shown,
        language=language,
        source=source,
        ip=ip,
    )
    subscription, _created = NewsletterSubscription.objects.get_or_create(
        prospect=prospect, defaults={"language": language}
    )
    if subscription.is_active or email_is_suppressed(email=prospect.email):
        # Already receiving it, or objected/unsubscribed before: no mail, and the page
        # answers the same way so the form does not reveal who is on which list.
        return None
    subscription.language = language
    subscription.unsubscribed_at = None
    subscription.save(update_fields=["language", "unsubscribed_at"])
    token = tokens.NEWSLETTER_CONFIRM.make(value=subscription.pk)
    email_send_quietly(
        to=prospect.email,
        language=language,
        template="prospects/email/newsletter_confirm",
        context={"url": public_page_url(name="prospects:newsletter_confirm", args=(token,))},
    )
    return subscription


@transaction.atomic
def newsletter_confirm(*, token: str) -> NewsletterSubscription | None:
    subscription_id = tokens.NEWSLETTER_CONFIRM.read_id(token=token)
    subscription = (
        NewsletterSubscription.objects.select_for_update().filter(pk=subscription_id).first()
        if subscription_id
        else None
    )
    if subscription is None or subscription.unsubscribed_at is not None:
        return None
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
        audit_log(
            actor=PUBLIC_FORM,
            action=AuditAction.NEWSLETTER_CONFIRMED,
            obj=subscription,
            data={"fields": ["confirmed_at"]},
        )
    return subscription


@transaction.atomic
def newsletter_unsubscribe(*, subscription: NewsletterSubscription, actor=None) -> None:
    now = timezone.now()
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = now
        subscription.save(update_fields=["unsubscribed_at"])
    OptInProof.objects.filter(
        prospect=subscription.prospect,
        purpose=OptInProof.Purpose.NEWSLETTER,
        withdrawn_at__isnull=True,
    ).update(withdrawn_at=now)
    suppression_add(email=subscription.prospect.email, reason="unsubscribe", actor=actor)
    audit_log(
        actor=Actor.of(actor or PUBLIC_FORM),
        action=AuditAction.NEWSLETTER_UNSUBSCRIBED,
        obj=subscription,
        data={"fields": ["unsubscribed_at"]},
    )


def newsletter_issue_queue(*, issue: NewsletterIssue, actor) -> bool:
    """Start sending an issue once; a second click does not send it twice."""
    with transaction.atomic():
        issue.refresh_from_db(from_queryset=NewsletterIssue.objects.select_for_update())
        if issue.queued_at is not None:
            return False
        issue.queued_at = timezone.now()
        issue.save(update_fields=["queued_at"])
        audit_log(actor=Actor.of(actor), action=AuditAction.NEWSLETTER_QUEUED, obj=issue)
        # Committed with queued_at: a broker that is down delays the sending, never loses it.
        outbox_enqueue(task_name=NEWSLETTER_ISSUE_SEND_TASK, args=[issue.pk])
    return True


def _newsletter_deliver(*, issue: NewsletterIssue, subscription: NewsletterSubscription) -> str:
    email = subscription.prospect.email
    if email_is_suppressed(email=email):
        return NewsletterDelivery.Outcome.SKIPPED
    url = public_page_url(
        name="prospects:newsletter_unsubscribe",
        args=(tokens.NEWSLETTER_UNSUBSCRIBE.make(value=subscription.pk),),
    )
    email_send(
        to=email,
        language=subscription.language,
        template="prospects/email/newsletter_issue",
        context={"issue": issue, "unsubscribe_url": url},
        headers={
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return NewsletterDelivery.Outcome.SENT


def newsletter_issue_send(*, issue_id: int) -> bool:
    """One batch, then queue the next (through the outbox, so a broker outage between two
    batches only delays the rest): a crash resumes where the deliveries stop. Returns True
    when recipients remain."""
    if not newsletter_issue_send_batch(issue_id=issue_id):
        return False
    with transaction.atomic():
        outbox_enqueue(task_name=NEWSLETTER_ISSUE_SEND_TASK, args=[issue_id])
    return True


def newsletter_issue_send_batch(*, issue_id: int, batch_size: int = NEWSLETTER_BATCH_SIZE) -> bool:
    """Send to the next batch of recipients. Returns True when recipients remain."""
    issue = NewsletterIssue.objects.get(pk=issue_id)
    batch = list(subscription_pending_for_issue(issue=issue)[:batch_size])
    for subscription in batch:
        with transaction.atomic():
            _, created = NewsletterDelivery.objects.get_or_create(
                issue=issue,
                subscription=subscription,
                defaults={"outcome": NewsletterDelivery.Outcome.SKIPPED},
            )
            if created:
                outcome = _newsletter_deliver(issue=issue, subscription=subscription)
                NewsletterDelivery.objects.filter(issue=issue, subscription=subscription).update(
                    outcome=outcome
                )
    if subscription_pending_for_issue(issue=issue).exists():
        return True
    NewsletterIssue.objects.filter(pk=issue_id, finished_at__isnull=True).update(
        finished_at=timezone.now()
    )
    return False


@transaction.atomic
def partner_export_create(*, actor, prospects=None) -> tuple[str, PartnerExport]:
    contacts = partner_sharing_contacts(prospects=prospects)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["email", "name", "company", "phone", "language", "opted_in_at"])
    for p in contacts:
        proof = p.opt_ins.filter(purpose=OptInProof.Purpose.PARTNERS, withdrawn_at__isnull=True)
        given = proof.earliest("created_at").created_at  # every contact has a proof
        writer.writerow(
            [csv_cell(v) for v in (p.email, p.name, p.company, p.phone, p.language)]
            + [given.isoformat()]
        )
    export = PartnerExport.objects.create(
        created_by=actor, created_by_label=actor.get_username(), contact_count=len(contacts)
    )
    audit_log(
        actor=Actor.of(actor),
        action=AuditAction.PARTNER_EXPORT,
        obj=export,
        data={"count": len(contacts), "fields": ["email", "name", "company", "phone", "language"]},
    )
    return out.getvalue(), export


class ReferralNotSent(Exception):
    """The mail server refused the invitation. Carries no detail: SMTP errors name the address."""


def referral_send(
    *, referrer_name: str, referrer_email: str, friend_name: str, friend_email: str, language: str
) -> None:
    """Send the one invitation, now, in this request.

    Nothing about the friend is written anywhere: not to the database, not to the cache, not to
    a task queue (a Celery message would sit in Redis with the address), not to a log line.
    A friend on the suppression list (objected, erased, unsubscribed) gets nothing, silently.
    """
    if email_is_suppressed(email=friend_email):
        return
    try:
        _referral_email(referrer_name, referrer_email, friend_name, friend_email, language)
    except (OSError, smtplib.SMTPException):
        logger.warning("A referral invitation could not be sent (details withheld).")
        raise ReferralNotSent from None


def _referral_email(referrer_name, referrer_email, friend_name, friend_email, language) -> None:
    email_send(
        to=friend_email,
        language=language,
        template="prospects/email/referral_invitation",
        context={
            "friend_name": friend_name,
            "referrer_name": referrer_name,
            "referrer_email": referrer_email,
            "site_url": public_page_url(name="home"),
        },
    )


@transaction.atomic
def prospect_update(*, prospect: Prospect, changed: list[str], actor) -> Prospect:
    prospect.save()
    audit_log(
        actor=Actor.of(actor),
        action=AuditAction.PROSPECT_UPDATED,
        obj=prospect,
        data={"fields": changed},
    )
    return prospect


@transaction.atomic
def prospect_delete(*, prospect: Prospect, actor) -> None:
    """Staff deletion; messages, proofs and the subscription go with the prospect."""
    audit_log(actor=Actor.of(actor), action=AuditAction.PROSPECT_DELETED, obj=prospect)
    prospect.delete()

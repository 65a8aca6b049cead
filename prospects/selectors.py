from django.db.models import QuerySet

from privacy.selectors import email_is_suppressed
from prospects.models import (
    NewsletterIssue,
    NewsletterSubscription,
    OptInProof,
    Prospect,
)


def subscription_pending_for_issue(*, issue: NewsletterIssue) -> QuerySet[NewsletterSubscription]:
    """Confirmed, still subscribed, and not yet handled for this issue (oldest first)."""
    return (
        NewsletterSubscription.objects.filter(
            confirmed_at__isnull=False, unsubscribed_at__isnull=True
        )
        .exclude(deliveries__issue=issue)
        .select_related("prospect")
        .order_by("id")
    )


def partner_sharing_contacts(*, prospects: QuerySet[Prospect] | None = None) -> list[Prospect]:
    """Contacts with a standing partner-sharing opt-in who are not on the suppression list."""
    qs = prospects if prospects is not None else Prospect.objects.all()
    qs = qs.filter(
        opt_ins__purpose=OptInProof.Purpose.PARTNERS, opt_ins__withdrawn_at__isnull=True
    ).distinct()
    return [p for p in qs.order_by("email") if not email_is_suppressed(email=p.email)]


def prospect_by_email(*, email: str) -> Prospect | None:
    return Prospect.objects.filter(email=email.strip().lower()).first()

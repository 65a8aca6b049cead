from accounts.models import User
from prospects.models import (
    ContactMessage,
    NewsletterDelivery,
    NewsletterIssue,
    NewsletterSubscription,
    OptInProof,
    PartnerExport,
    Prospect,
)
from tests.privacy.samples import sample_builder


def _prospect(person) -> Prospect:
    if "prospect" not in person.extra:
        person.extra["prospect"] = Prospect.objects.create(
            email=person.email,
            name=f"{person.first_name} {person.last_name}",
            phone=person.phone,
            company="Northwind Ltd",
        )
    return person.extra["prospect"]


@sample_builder("prospects.Prospect")
def build_prospect(person):
    _prospect(person)


@sample_builder("prospects.ContactMessage")
def build_message(person):
    ContactMessage.objects.create(
        prospect=_prospect(person), message=f"Hello, {person.first_name} here: {person.phone}"
    )


@sample_builder("prospects.OptInProof")
def build_opt_in(person):
    OptInProof.objects.create(
        prospect=_prospect(person),
        purpose=OptInProof.Purpose.PARTNERS,
        text_shown="Share my details with partners for joint offers",
        language="en",
        source="contact",
        ip_truncated="192.0.2.0/24",
    )


@sample_builder("prospects.NewsletterSubscription")
def build_subscription(person):
    NewsletterSubscription.objects.create(prospect=_prospect(person), language="en")


@sample_builder("prospects.NewsletterDelivery")
def build_delivery(person):
    subscription = NewsletterSubscription.objects.get(prospect=_prospect(person))
    issue = NewsletterIssue.objects.create(subject="November news", body="What's new.")
    NewsletterDelivery.objects.create(
        issue=issue, subscription=subscription, outcome=NewsletterDelivery.Outcome.SENT
    )


@sample_builder("prospects.PartnerExport", subject_rows=False)
def build_partner_export(person):
    # Only staff export; a visitor never owns these rows, which must survive their erasure.
    staff, _ = User.objects.get_or_create(
        username="export-staff", defaults={"email": "export-staff@perfony.com", "is_staff": True}
    )
    PartnerExport.objects.create(created_by=staff, created_by_label=staff.username, contact_count=3)

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from prospects.models import NewsletterIssue, NewsletterSubscription, OptInProof, Prospect


class ProspectFactory(DjangoModelFactory):
    class Meta:
        model = Prospect

    email = factory.Sequence(lambda n: f"prospect{n}@example.com")
    name = factory.Faker("name")
    company = "Example BV"


class SubscriptionFactory(DjangoModelFactory):
    class Meta:
        model = NewsletterSubscription

    prospect = factory.SubFactory(ProspectFactory)
    language = "en"
    confirmed_at = factory.LazyFunction(timezone.now)


class OptInFactory(DjangoModelFactory):
    class Meta:
        model = OptInProof

    prospect = factory.SubFactory(ProspectFactory)
    purpose = OptInProof.Purpose.PARTNERS
    text_shown = "Share my details with partners"
    language = "en"
    source = "contact"
    ip_truncated = "203.0.113.0/24"


class IssueFactory(DjangoModelFactory):
    class Meta:
        model = NewsletterIssue

    subject = "Perfony news"
    body = "What is new this month."

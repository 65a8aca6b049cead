from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from consent.models import ConsentRecord


class ConsentRecordFactory(DjangoModelFactory):
    """A consent record in whatever schema the connection is set to (chained by save())."""

    class Meta:
        model = ConsentRecord

    created_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda r: r.created_at + timedelta(days=100))
    choices = factory.LazyAttribute(
        lambda r: {
            "necessary": True,
            **dict.fromkeys(
                ("preferences", "audience", "analytics", "advertising"),
                r.method == ConsentRecord.Method.ACCEPT_ALL,
            ),
        }
    )
    policy_version = "1+abcd1234"
    banner_hash = "0" * 64
    language = "en"
    method = ConsentRecord.Method.ACCEPT_ALL
    ip_truncated = "203.0.113.0/24"
    user_agent = "Mozilla/5.0 (test)"

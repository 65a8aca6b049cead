from datetime import timedelta

from django.utils import timezone

from consent.models import ConsentRecord
from tests.privacy.samples import sample_builder


@sample_builder("consent.ConsentRecord")
def build_consent_record(person):
    now = timezone.now()
    ConsentRecord.objects.create(
        created_at=now,
        expires_at=now + timedelta(days=100),
        choices={"necessary": True, "preferences": True, "audience": False},
        policy_version="2026-1",
        banner_hash="0" * 64,
        language="en",
        method=ConsentRecord.Method.CUSTOM,
        ip_truncated="192.0.2.0/24",
        user_agent="Mozilla/5.0",
        user=person.user,
    )

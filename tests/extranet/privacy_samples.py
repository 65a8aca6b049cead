import hashlib
from datetime import timedelta

from django.utils import timezone

from extranet.models import Invitation
from tests.privacy.samples import sample_builder


@sample_builder("extranet.Invitation")
def build_invitation(person):
    Invitation.objects.create(
        email=person.email,
        token_hash=hashlib.sha256(person.email.encode()).hexdigest(),
        created_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=7),
        accepted_at=timezone.now(),
        accepted_user=person.user,
    )

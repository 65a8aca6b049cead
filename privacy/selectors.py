import hashlib
import hmac

from django.conf import settings
from django.db.models import QuerySet

from privacy.models import SubjectLegalHold, SuppressedEmail


def email_hmac(*, email: str) -> str:
    key = hashlib.sha256(("suppression:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def email_is_suppressed(*, email: str, reasons: list[str] | None = None) -> bool:
    """Marketing and partner-sharing code must call this before using an address."""
    qs = SuppressedEmail.objects.filter(email_hmac=email_hmac(email=email))
    if reasons is not None:
        qs = qs.filter(reason__in=reasons)
    return qs.exists()


def legal_hold_active_list() -> QuerySet[SubjectLegalHold]:
    return SubjectLegalHold.objects.filter(released_at__isnull=True)


def subject_has_legal_hold(*, email: str) -> bool:
    return legal_hold_active_list().filter(email__iexact=email.strip()).exists()

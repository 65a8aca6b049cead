from core.services import audit_log
from privacy.models import SuppressedEmail
from privacy.selectors import email_hmac


def suppression_add(*, email: str, reason: str, actor=None) -> SuppressedEmail:
    entry, created = SuppressedEmail.objects.get_or_create(
        email_hmac=email_hmac(email=email), reason=reason
    )
    if created:
        audit_log(
            actor=actor, action="privacy.suppression_added", obj=entry, data={"reason": reason}
        )
    return entry

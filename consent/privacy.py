from django.utils.translation import gettext_lazy as _

from privacy.registry import KEEP, PERSONAL, PersonalModel, Retained, Row, register

register(
    PersonalModel(
        model="consent.ConsentRecord",
        category="cookie_consent",
        description=_(
            "Proof of your cookie choices: time, choice per category, policy version, "
            "truncated IP address, browser and, when signed in, your account."
        ),
        purpose=_("Proving the consent we rely on (GDPR Art. 7(1))."),
        retention=_("For the validity of the choice plus the limitation period for claims."),
        scope="tenant",
        subject="user",
        # Proof of consent is what protects the subject and us; it is kept through erasure
        # until the claim period ends, then purged by the retention engine.
        row=Row.RETAIN,
        retained=Retained(
            basis=_("Demonstrating consent (GDPR Art. 7(1)) and defending legal claims"),
            until=_("Expiry of the choice plus 5 years"),
        ),
        fields={
            "id": KEEP,
            "consent_id": KEEP,
            "created_at": KEEP,
            "expires_at": KEEP,
            "choices": KEEP,
            "policy_version": KEEP,
            "banner_hash": KEEP,
            "language": KEEP,
            "method": KEEP,
            "gpc": KEEP,
            "ip_truncated": PERSONAL,
            "user_agent": PERSONAL,
            "user": PERSONAL,
            "prev_hash": KEEP,
            "record_hash": KEEP,
        },
    )
)

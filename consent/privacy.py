from django.utils.translation import gettext_lazy as _

from privacy.registry import (
    KEEP,
    PERSONAL,
    PersonalModel,
    Retained,
    Retention,
    Row,
    Scope,
    Source,
    by_user,
    legal_obligation,
    register,
    register_retention,
)
from retention.policies import Action

register_retention(
    covers="pf_consent cookie",
    scope=Scope.BOTH,
    retention=Retention(
        key="consent_cookie",
        label=_("The consent cookie in your browser"),
        anchor=_("the setting of the cookie"),
        period={"days": 100},
        basis=_("CNIL guidelines on cookies: a choice is asked again after a limited time"),
        action=Action.NONE,
        exemptions=(),
        note=_("Enforced by the cookie's own expiry date; nothing to delete on our side."),
    ),
)

register(
    PersonalModel(
        model="consent.ConsentRecord",
        category="cookie_consent",
        description=_(
            "Proof of your cookie choices: time, choice per category, policy version, "
            "truncated IP address, browser and, when signed in, your account."
        ),
        purpose=_("Proving the consent we rely on (GDPR Art. 7(1))."),
        legal_basis=legal_obligation(_("demonstrating consent to cookies (GDPR Art. 7(1))")),
        # Public rows belong to anonymous visitors (no user); in an extranet, to its member.
        scope=Scope.BOTH,
        subject=by_user("user"),
        sources=(Source.YOU, Source.OBSERVED),
        data_subjects=_("Visitors of the public site and extranet users"),
        retention=Retention(
            key="consent_proof",
            label=_("Proof of your cookie choices"),
            anchor=_("the end of the choice's validity"),
            # The limitation period for civil claims, during which we may have to prove that a
            # cookie was set with consent.
            period={"years": 5},
            basis=_(
                "Demonstrating consent (GDPR Art. 7(1)) for the limitation period of civil "
                "claims (French Civil Code art. 2224)"
            ),
            anchor_field="expires_at",
            note=_("Kept to prove that cookies were set with your consent."),
        ),
        # Proof of consent is what protects the subject and us; it is kept through erasure
        # until the claim period ends, then purged by the retention engine.
        row=Row.RETAIN,
        retained=Retained(
            basis=_("Demonstrating consent (GDPR Art. 7(1)) and defending legal claims")
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

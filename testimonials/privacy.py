from django.utils.translation import gettext_lazy as _

from privacy.registry import (
    CONSENT,
    KEEP,
    PERSONAL,
    PersonalModel,
    Retention,
    Scope,
    Source,
    by_email,
    legal_obligation,
    register,
)
from retention.policies import Child, WhileConsented

_CLIENTS = _("Clients who give a testimonial")


register(
    PersonalModel(
        model="testimonials.Testimonial",
        category="testimonials",
        description=_("Your testimonial: name, function, company, quote, logo and email."),
        purpose=_("Publishing your testimonial, with your consent."),
        legal_basis=CONSENT,
        scope=Scope.PUBLIC,
        subject=by_email("client_email"),
        recipients=("hosting", "email"),
        sources=(Source.YOU, Source.STAFF),
        data_subjects=_CLIENTS,
        retention=Retention(
            key="testimonials",
            label=_("Client testimonials and the consents to publish them"),
            anchor=_("the withdrawal of the consent, or a consent request left unanswered"),
            period={"years": 3},
            basis=_("Proving that what we published was agreed to, should it be contested"),
            # No consent in force, and the period has run since the last withdrawal, or since
            # the consent request went unanswered (or since creation, for one never sent).
            expiry=WhileConsented(
                consents="testimonials.TestimonialConsent",
                fk="testimonial",
                revoked="revoked_at",
                otherwise=("consent_requested_at", "created_at"),
            ),
            children=(Child("testimonials.TestimonialConsent", "testimonial"),),
            note=_("Withdrawing consent unpublishes the testimonial at once."),
        ),
        files=("logo",),
        fields={
            "id": KEEP,
            "client_name": PERSONAL,
            "client_function": PERSONAL,
            "company": KEEP,
            "client_email": PERSONAL,
            "quote": PERSONAL,
            "logo": KEEP,
            "language": KEEP,
            "created_at": KEEP,
            "consent_requested_at": KEEP,
        },
    )
)

register(
    PersonalModel(
        model="testimonials.TestimonialConsent",
        category="testimonial_consents",
        description=_("Your consent to publish a testimonial: who, when and what."),
        purpose=_("Proving that a published testimonial was agreed to."),
        legal_basis=legal_obligation(_("demonstrating consent (GDPR Art. 7(1))")),
        scope=Scope.PUBLIC,
        subject=by_email("email"),
        sources=(Source.YOU, Source.OBSERVED),
        data_subjects=_CLIENTS,
        fields={
            "id": KEEP,
            "testimonial": KEEP,
            "signer_name": PERSONAL,
            "email": PERSONAL,
            "show_name": KEEP,
            "show_function": KEEP,
            "show_logo": KEEP,
            "show_quote": KEEP,
            "ip_truncated": PERSONAL,
            "created_at": KEEP,
            "revoked_at": KEEP,
        },
    )
)

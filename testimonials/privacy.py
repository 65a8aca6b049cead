from django.utils.translation import gettext_lazy as _

from privacy.registry import KEEP, PERSONAL, PersonalModel, register

register(
    PersonalModel(
        model="testimonials.Testimonial",
        category="testimonials",
        description=_("Your testimonial: name, function, company, quote, logo and email."),
        purpose=_("Publishing your testimonial, with your consent."),
        retention=_(
            "Published while your consent lasts; "
            "deleted 3 years after you withdraw it, or at your request."
        ),
        scope="public",
        subject="client_email",
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
        retention=_("With the testimonial it belongs to."),
        scope="public",
        subject="email",
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

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from testimonials.models import Testimonial, TestimonialConsent


@dataclass(frozen=True)
class PublishedTestimonial:
    """Only what the consent covers; the template cannot show anything else."""

    company: str
    name: str
    function: str
    quote: str
    logo_url: str


def consent_active(*, testimonial: Testimonial) -> TestimonialConsent | None:
    return testimonial.consents.filter(revoked_at__isnull=True).order_by("-created_at").first()


def testimonial_published_list() -> list[PublishedTestimonial]:
    consents = (
        TestimonialConsent.objects.filter(revoked_at__isnull=True)
        .select_related("testimonial")
        .order_by("testimonial__company", "-created_at")
    )
    seen, published = set(), []
    for consent in consents:
        t = consent.testimonial
        if t.pk in seen:
            continue
        seen.add(t.pk)
        logo = consent.show_logo and bool(t.logo)
        logo_url = reverse("testimonials:logo", args=[t.pk], urlconf=settings.PUBLIC_SCHEMA_URLCONF)
        published.append(
            PublishedTestimonial(
                company=t.company,
                name=t.client_name if consent.show_name else "",
                function=t.client_function if consent.show_function else "",
                quote=t.quote if consent.show_quote else "",
                logo_url=logo_url if logo else "",
            )
        )
    return published


def logo_published(*, testimonial_id: int) -> Testimonial | None:
    testimonial = Testimonial.objects.filter(pk=testimonial_id).first()
    if testimonial is None or not testimonial.logo:
        return None
    consent = consent_active(testimonial=testimonial)
    return testimonial if consent and consent.show_logo else None

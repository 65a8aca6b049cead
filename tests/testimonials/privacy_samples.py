from testimonials.models import Testimonial, TestimonialConsent
from tests.privacy.samples import sample_builder


def _testimonial(person) -> Testimonial:
    if "testimonial" not in person.extra:
        person.extra["testimonial"] = Testimonial.objects.create(
            client_name=f"{person.first_name} {person.last_name}",
            client_function="COO",
            company="Northwind Ltd",
            client_email=person.email,
            quote="Shorter meetings.",
        )
    return person.extra["testimonial"]


@sample_builder("testimonials.Testimonial")
def build_testimonial(person):
    _testimonial(person)


@sample_builder("testimonials.TestimonialConsent")
def build_consent(person):
    TestimonialConsent.objects.create(
        testimonial=_testimonial(person),
        signer_name=f"{person.first_name} {person.last_name}",
        email=person.email,
        show_name=True,
        show_quote=True,
        ip_truncated="192.0.2.0/24",
    )

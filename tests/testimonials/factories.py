import io

import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory
from PIL import Image

from testimonials.models import Testimonial


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(out, "PNG")
    return out.getvalue()


class QuoteFactory(DjangoModelFactory):
    class Meta:
        model = Testimonial

    client_name = "Claire Client"
    client_function = "COO"
    company = "Initech"
    client_email = "claire@initech.example"
    quote = "Our meetings got shorter and decided more."
    logo = factory.LazyFunction(lambda: ContentFile(png_bytes(), name="logo.png"))

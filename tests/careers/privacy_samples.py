from django.core.files.base import ContentFile

from careers.models import Application, JobOpening
from tests.privacy.samples import sample_builder


@sample_builder("careers.Application")
def build_application(person):
    opening = JobOpening.objects.create(title="Designer", description="Design.", is_published=True)
    Application.objects.create(
        opening=opening,
        name=f"{person.first_name} {person.last_name}",
        email=person.email,
        phone=person.phone,
        cv=ContentFile(b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", name="cv.pdf"),
        cover_letter=f"I am {person.first_name}.",
        language="en",
    )

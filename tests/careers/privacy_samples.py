from django.core.files.base import ContentFile

from careers.models import Application, JobOpening
from tests.privacy.samples import sample_builder


@sample_builder("careers.Application")
def build_application(person):
    opening = JobOpening.objects.create(title="Designer", description="Design.", is_published=True)
    # The CV names its author, as a real one does: a file left on disk is found by content.
    cv = b"%PDF-1.4\n1 0 obj<<>>endobj\n% " + person.last_name.encode() + b"\n%%EOF\n"
    application = Application.objects.create(
        opening=opening,
        name=f"{person.first_name} {person.last_name}",
        email=person.email,
        phone=person.phone,
        cv=ContentFile(cv, name="cv.pdf"),
        cover_letter=f"I am {person.first_name}.",
        language="en",
    )
    person.extra.setdefault("files", []).append(application.cv.path)

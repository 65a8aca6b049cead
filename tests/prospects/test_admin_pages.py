"""Every back-office page of the public-form apps renders for staff."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from careers.models import Application
from prospects.models import ContactMessage, NewsletterIssue
from tests.prospects.factories import IssueFactory, OptInFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def records(tmp_path):
    optin = OptInFactory()
    ContactMessage.objects.create(prospect=optin.prospect, message="hi")
    SubscriptionFactory()
    IssueFactory()
    field = Application._meta.get_field("cv")
    original = field.storage
    from django.core.files.storage import FileSystemStorage

    field.storage = FileSystemStorage(location=tmp_path)
    Application.objects.create(
        name="A",
        email="a@example.com",
        phone="1",
        cv=SimpleUploadedFile("c.pdf", PDF),
        cover_letter="c",
    )
    yield
    field.storage = original


@pytest.mark.parametrize(
    "model",
    [
        "prospects/prospect",
        "prospects/contactmessage",
        "prospects/optinproof",
        "prospects/newslettersubscription",
        "prospects/newsletterissue",
        "prospects/partnerexport",
        "careers/jobopening",
        "careers/application",
        "testimonials/testimonial",
    ],
)
def test_changelist_and_first_object_render(staff_client, records, model):
    response = staff_client.get(f"/admin/{model}/")
    assert response.status_code == 200
    first = response.context["cl"].result_list.first()
    if first is not None:
        assert staff_client.get(f"/admin/{model}/{first.pk}/change/").status_code == 200


@pytest.mark.parametrize(
    "model", ["prospects/newsletterissue", "careers/jobopening", "testimonials/testimonial"]
)
def test_add_pages_render(staff_client, model):
    assert staff_client.get(f"/admin/{model}/add/").status_code == 200


def test_staff_write_an_issue(staff_client, staff_user):
    staff_client.post(
        "/admin/prospects/newsletterissue/add/", {"subject": "Spring", "body": "News"}
    )
    assert NewsletterIssue.objects.get().created_by == staff_user

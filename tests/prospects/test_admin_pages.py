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


def test_an_issue_subject_is_one_line(staff_client):
    staff_client.post(
        "/admin/prospects/newsletterissue/add/", {"subject": "Spring\r\nBcc: x@y.z", "body": "A\nB"}
    )
    issue = NewsletterIssue.objects.get()
    assert (issue.subject, issue.body) == ("Spring Bcc: x@y.z", "A\nB")


def _staff_with(*codenames):
    from django.contrib.auth.models import Permission

    from accounts.models import User
    from tests.support.http import PUBLIC_HOST, host_client

    user = User.objects.create_user("viewer", "viewer@perfony.com", "pw", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client = host_client(PUBLIC_HOST)
    client.force_login(user)
    return client


def test_staff_without_newsletter_rights_cannot_see_edit_or_send_an_issue():
    issue = IssueFactory()
    SubscriptionFactory()
    client = _staff_with("view_prospect")
    url = "/admin/prospects/newsletterissue/"
    assert client.get(url).status_code == 403
    assert client.get(f"{url}{issue.pk}/change/").status_code == 403
    client.post(url, {"action": "send_issue", "_selected_action": [issue.pk]})
    issue.refresh_from_db()
    assert issue.queued_at is None


def test_viewing_prospects_does_not_allow_the_partner_export():
    from prospects.models import PartnerExport

    optin = OptInFactory()
    client = _staff_with("view_prospect")
    assert client.get("/admin/prospects/prospect/").status_code == 200
    client.post(
        "/admin/prospects/prospect/",
        {"action": "export_partner_csv", "_selected_action": [optin.prospect.pk]},
    )
    assert not PartnerExport.objects.exists()

"""Requests act only on proven addresses (issue 11, hole 2: a stranger's CV exported and erased).

An extranet account's address that its owner never proved may be anyone's. A request filed
from /my-data/ with such an address covers that account in that extranet only: never the
public schema or the suppression list by that address.
"""

import io
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from accounts.models import User
from careers.models import Application, JobOpening
from privacy import services
from privacy.models import SubjectRequest, SuppressedEmail
from privacy.selectors import email_is_suppressed
from prospects.models import ContactMessage, Prospect
from tests.factories import UserFactory
from tests.support.http import host_client, login_as
from tests.support.privacy import export_zip
from tests.support.tenants import in_schema

APPLICANT = "carla.candidate@example.org"
CV = b"%PDF-1.4\n% carla-cv-marker-7731\n1 0 obj<<>>endobj\n%%EOF\n"
SECRETS = ("carla-cv-marker-7731", "Hire me, I am Carla", "+33 6 55 44 33 22", "Call me on Monday")


@pytest.fixture
def private_cv_storage(tmp_path):
    field = Application._meta.get_field("cv")
    original = field.storage
    field.storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    yield tmp_path / "private"
    field.storage = original


@pytest.fixture
def applicant(db, private_cv_storage):
    """A stranger who applied for a job and wrote to us: rows in public, keyed by her address."""
    opening = JobOpening.objects.create(title="Designer", description="Design.", is_published=True)
    application = Application.objects.create(
        opening=opening,
        name="Carla Candidate",
        email=APPLICANT,
        phone="+33 6 55 44 33 22",
        cv=ContentFile(CV, name="cv.pdf"),
        cover_letter="Hire me, I am Carla.",
    )
    prospect = Prospect.objects.create(email=APPLICANT, name="Carla", phone="+33 6 55 44 33 22")
    ContactMessage.objects.create(prospect=prospect, message="Call me on Monday.")
    return application


@pytest.fixture
def bob(acme):
    with in_schema(acme):
        return UserFactory(username="bob", email="bob@acme.example")


def _zip_text(response) -> str:
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


def _staff_approve_and_execute(staff_client, subject_request, capture):
    base = f"/admin/privacy/subjectrequest/{subject_request.pk}/"
    page = staff_client.get(base + "change/").content.decode()
    staff_client.post(base + "approve/")
    with capture(execute=True):
        staff_client.post(base + "execute/")
    subject_request.refresh_from_db()
    return page


def test_a_strangers_cv_is_neither_exported_nor_erased_step_by_step(
    acme, bob, applicant, staff_client, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    bob_client = login_as(host_client("acme.iperfony.localhost"), acme, bob)
    # 1. bob removes his address, adds the applicant's and makes it primary: refused.
    bob_client.post("/accounts/email/", {"action_remove": "", "email": "bob@acme.example"})
    bob_client.post("/accounts/email/", {"action_add": "", "email": APPLICANT})
    bob_client.post("/accounts/email/", {"action_primary": "", "email": APPLICANT})
    with in_schema(acme):
        assert User.objects.get(pk=bob.pk).email == "bob@acme.example"
        assert not EmailAddress.objects.filter(email=APPLICANT).exists()
        # 2. Suppose the address got there anyway (typed by staff, an old hole): not proved.
        User.objects.filter(pk=bob.pk).update(email=APPLICANT)
    # 3. bob files an access request at /my-data/; staff approve it as usual.
    with capture(execute=True):
        bob_client.post("/my-data/", {"type": "access"})
    access = SubjectRequest.objects.get(type="access")
    assert access.email == APPLICANT and not access.email_verified
    page = _staff_approve_and_execute(staff_client, access, capture)
    notice = "Email address not verified: this request covers only the requester's own account"
    assert notice in page
    assert page.index(notice) < page.index("/approve/"), "the line comes before the button"
    # 4. bob downloads his export: his account, none of the applicant's data.
    export = access.exports.get()
    text = _zip_text(bob_client.get(f"/my-data/exports/{export.pk}/"))
    assert "bob" in text  # his own account is there
    for secret in SECRETS:
        assert secret not in text
    assert "public/" not in text
    # 5. An erasure filed the same way erases bob's account, not the applicant.
    with capture(execute=True):
        bob_client.post("/my-data/", {"type": "erasure"})
    erasure = SubjectRequest.objects.get(type="erasure")
    _staff_approve_and_execute(staff_client, erasure, capture)
    assert erasure.status == SubjectRequest.Status.COMPLETED
    application = Application.objects.get(pk=applicant.pk)
    assert application.cover_letter == "Hire me, I am Carla."
    assert application.cv.storage.exists(application.cv.name)
    assert ContactMessage.objects.filter(prospect__email=APPLICANT).exists()
    assert not email_is_suppressed(email=APPLICANT)
    with in_schema(acme):
        assert User.objects.get(pk=bob.pk).is_erased


def test_with_a_verified_address_the_request_also_covers_the_public_site(
    acme, bob, staff, django_capture_on_commit_callbacks
):
    """The control: the same request by the proven owner of the address does reach public."""
    with in_schema(acme):
        EmailAddress.objects.create(user=bob, email=bob.email, primary=True, verified=True)
    prospect = Prospect.objects.create(email="bob@acme.example", name="Bob")
    ContactMessage.objects.create(prospect=prospect, message="bob-public-marker")
    with django_capture_on_commit_callbacks(execute=True):
        access = services.request_file_extranet(user=bob, schema_name="ext_acme", type="access")
        services.request_approve(subject_request=access, actor=staff)
        services.request_execute(subject_request=access, actor=staff)
    assert access.email_verified
    with export_zip(access.exports.get()) as archive:
        text = "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    assert "bob-public-marker" in text


@pytest.mark.parametrize(
    ("type", "consent", "reason"),
    [
        ("objection_prospecting", "", SuppressedEmail.Reason.OBJECTION_PROSPECTING),
        ("objection_partners", "", SuppressedEmail.Reason.OBJECTION_PARTNERS),
        ("withdraw_consent", "newsletter", SuppressedEmail.Reason.UNSUBSCRIBE),
    ],
)
def test_objection_and_withdrawal_suppress_only_a_proven_address(
    acme, bob, staff, type, consent, reason
):
    with in_schema(acme):
        User.objects.filter(pk=bob.pk).update(email=APPLICANT)
        bob.refresh_from_db()
    unproved = services.request_file_extranet(
        user=bob, schema_name="ext_acme", type=type, consent=consent
    )
    services.request_approve(subject_request=unproved, actor=staff)
    services.request_execute(subject_request=unproved, actor=staff)
    assert not email_is_suppressed(email=APPLICANT)
    with in_schema(acme):
        EmailAddress.objects.create(user=bob, email=APPLICANT, primary=True, verified=True)
    proved = services.request_file_extranet(
        user=bob, schema_name="ext_acme", type=type, consent=consent
    )
    services.request_approve(subject_request=proved, actor=staff)
    services.request_execute(subject_request=proved, actor=staff)
    assert email_is_suppressed(email=APPLICANT, reasons=[reason])


def test_a_request_by_email_skips_an_account_whose_address_was_never_proved(
    acme, bob, staff, django_capture_on_commit_callbacks
):
    """The other direction: a /dpo/ request must not reach an account that merely claims it."""
    from tests.support.privacy import request_through

    with in_schema(acme):
        User.objects.filter(pk=bob.pk).update(email=APPLICANT)
    with django_capture_on_commit_callbacks(execute=True):
        request_through(email=APPLICANT, type="erasure", actor=staff)
    with in_schema(acme):
        assert not User.objects.get(pk=bob.pk).is_erased


def test_the_back_office_says_when_the_address_was_verified(acme, bob, staff_client):
    with in_schema(acme):
        EmailAddress.objects.create(user=bob, email=bob.email, primary=True, verified=True)
    subject_request = services.request_file_extranet(
        user=bob, schema_name="ext_acme", type="access"
    )
    page = staff_client.get(f"/admin/privacy/subjectrequest/{subject_request.pk}/change/")
    body = page.content.decode()
    assert "Email address verified by its owner" in body
    assert "Email address not verified" not in body


@pytest.mark.parametrize(
    ("language", "text"),
    [("nl", "E-mailadres niet geverifieerd"), ("fr", "Adresse e-mail non vérifiée")],
)
def test_the_back_office_notice_is_translated(acme, bob, staff_client, language, text):
    subject_request = services.request_file_extranet(
        user=bob, schema_name="ext_acme", type="access"
    )
    page = staff_client.get(
        f"/admin/privacy/subjectrequest/{subject_request.pk}/change/",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert text in page.content.decode()

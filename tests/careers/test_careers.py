from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from careers.models import Application
from core.models import AuditEvent
from tests.careers.factories import JobOpeningFactory
from tests.support.captcha import solved_captcha
from tests.support.uploads import PDF, PNG


def application_data(cv: SimpleUploadedFile, **overrides) -> dict:
    data = {
        "name": "Carla Candidate",
        "email": "carla@example.com",
        "phone": "+33 6 12 34 56 78",
        "cover_letter": "I love meetings that decide.",
        "cv": cv,
        **solved_captcha(),
    }
    data.update(overrides)
    return data


def test_only_published_openings_are_listed(public_client):
    JobOpeningFactory(title="Visible role")
    hidden = JobOpeningFactory(title="Draft role", is_published=False)
    html = public_client.get("/careers/").content.decode()
    assert "Visible role" in html and "Draft role" not in html
    assert public_client.get(f"/careers/{hidden.pk}/apply/").status_code == 404


def test_apply_with_a_pdf(public_client, private_media):
    opening = JobOpeningFactory()
    cv = SimpleUploadedFile("my cv.pdf", PDF, content_type="application/pdf")
    response = public_client.post(f"/careers/{opening.pk}/apply/", application_data(cv))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.status == "applied" and application.created_at is not None
    assert application.opening == opening
    stored = private_media / application.cv.name
    assert stored.read_bytes() == PDF
    assert "my cv" not in application.cv.name
    assert mail.outbox[0].to == ["carla@example.com"]
    assert AuditEvent.objects.filter(action="careers.application_received").exists()


def test_pdf_is_judged_by_content_not_by_name(public_client):
    disguised = SimpleUploadedFile("cv.pdf", PNG, content_type="application/pdf")
    response = public_client.post("/careers/apply/", application_data(disguised))
    assert response.status_code == 400
    assert "The CV must be a PDF file." in response.content.decode()
    assert 'value="Carla Candidate"' in response.content.decode()
    renamed = SimpleUploadedFile("cv.txt", PDF, content_type="text/plain")
    assert public_client.post("/careers/apply/", application_data(renamed)).status_code == 302
    assert Application.objects.count() == 1


def test_cv_over_5_mb_is_refused(public_client):
    big = PDF[:-6] + b"0" * (5 * 1024 * 1024) + b"\n%%EOF\n"
    response = public_client.post(
        "/careers/apply/", application_data(SimpleUploadedFile("cv.pdf", big))
    )
    assert response.status_code == 400
    assert "larger than 5 MB" in response.content.decode()
    assert not Application.objects.exists()


@pytest.fixture
def application(public_client):
    public_client.post("/careers/apply/", application_data(SimpleUploadedFile("cv.pdf", PDF)))
    return Application.objects.get()


def test_cv_has_no_public_url(public_client, application):
    assert public_client.get(f"/media/{application.cv.name}").status_code == 404
    assert public_client.get(f"/admin/careers/application/{application.pk}/cv/").status_code == 302


def test_staff_download_the_cv_in_the_back_office(staff_client, application):
    response = staff_client.get(f"/admin/careers/application/{application.pk}/cv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]


def change(staff_client, application, **data):
    url = f"/admin/careers/application/{application.pk}/change/"
    return staff_client.post(url, {"employment_start": "", "employment_end": "", **data})


def test_hired_needs_a_start_date(staff_client, application):
    response = change(staff_client, application, status="hired")
    assert response.status_code == 200
    assert "A hired applicant needs a start date." in response.content.decode()
    application.refresh_from_db()
    assert application.status == "applied"


def test_hire_then_record_the_end(staff_client, application):
    change(staff_client, application, status="hired", employment_start="2026-09-01")
    application.refresh_from_db()
    assert (application.status, application.employment_start) == ("hired", date(2026, 9, 1))
    change(
        staff_client,
        application,
        status="hired",
        employment_start="2026-09-01",
        employment_end="2028-08-31",
    )
    application.refresh_from_db()
    assert application.employment_end == date(2028, 8, 31)
    assert AuditEvent.objects.filter(action="careers.application_status_set").count() == 2


def test_end_before_start_is_refused(staff_client, application):
    response = change(
        staff_client,
        application,
        status="hired",
        employment_start="2026-09-01",
        employment_end="2026-01-01",
    )
    assert "The end cannot be before the start." in response.content.decode()


def test_mark_rejected_action(staff_client, application):
    staff_client.post(
        "/admin/careers/application/",
        {"action": "mark_rejected", "_selected_action": [application.pk]},
    )
    application.refresh_from_db()
    assert application.status == "rejected"


def test_staff_deletion_removes_the_cv_file(staff_client, application, private_media):
    stored = private_media / application.cv.name
    assert stored.exists()
    staff_client.post(f"/admin/careers/application/{application.pk}/delete/", {"post": "yes"})
    assert not Application.objects.exists()
    assert not stored.exists()
    assert AuditEvent.objects.filter(action="careers.application_deleted").exists()


def test_staff_who_may_only_view_applications_cannot_reject_them(application):
    from django.contrib.auth.models import Permission

    from accounts.models import User
    from tests.support.http import PUBLIC_HOST, host_client

    staff = User.objects.create_user("cv-viewer", "cv@perfony.test", "x", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(codename="view_application"))
    client = host_client(PUBLIC_HOST)
    client.force_login(staff)
    client.post(
        "/admin/careers/application/",
        {"action": "mark_rejected", "_selected_action": [application.pk]},
    )
    application.refresh_from_db()
    assert application.status == "applied"

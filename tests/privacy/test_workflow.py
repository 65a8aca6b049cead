import datetime

import time_machine
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from privacy.models import RequestEvent, SubjectRequest
from privacy.services import reminders_send, request_extend, request_file_public
from tests.support.tenants import in_schema

Status = SubjectRequest.Status


def _verify_link(mail) -> str:
    line = next(x for x in mail.body.splitlines() if "/dpo/verify/" in x)
    return line.split("perfony.localhost", 1)[1]


def test_dpo_page_shows_the_contact_of_the_policy(public_client):
    body = public_client.get("/dpo/").content.decode()
    for text in [
        "Perfony SAS",
        "91 rue du Faubourg Saint Honoré",
        "75008 Paris",
        "France",
        "contact@perfony.com",
        "+33 1 55 43 76 95",
    ]:
        assert text in body


def test_dpo_form_bad_input_keeps_what_was_typed(public_client):
    response = public_client.post(
        "/dpo/", {"type": "withdraw_consent", "email": "not-an-email", "details": "<b>hi</b>"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "&lt;b&gt;hi&lt;/b&gt;" in body and "not-an-email" in body
    assert not SubjectRequest.objects.exists()


def test_dpo_request_starts_the_clock_on_verification(public_client, mailoutbox):
    received = timezone.now()
    public_client.post("/dpo/", {"type": "access", "email": "v@example.org"})
    subject_request = SubjectRequest.objects.get()
    assert subject_request.status == Status.UNVERIFIED and subject_request.due_date is None
    link = _verify_link(mailoutbox[0])
    with time_machine.travel(received + datetime.timedelta(hours=47)):
        assert public_client.get(link).status_code == 200
        subject_request.refresh_from_db()
        assert subject_request.status == Status.UNVERIFIED, "opening the link is not enough"
        assert public_client.post(link).status_code == 200
    subject_request.refresh_from_db()
    assert subject_request.status == Status.VERIFIED
    assert subject_request.due_date > timezone.localdate(received)
    assert "verified" in [e.action for e in subject_request.events.all()]
    assert mailoutbox[-1].to == ["v@example.org"]


def test_verification_link_expires_after_48_hours(public_client, mailoutbox):
    public_client.post("/dpo/", {"type": "access", "email": "late@example.org"})
    link = _verify_link(mailoutbox[0])
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=49)):
        assert public_client.get(link).status_code == 400
        assert public_client.post(link).status_code == 400
    assert SubjectRequest.objects.get().status == Status.UNVERIFIED


def test_request_trail_is_append_only(db):
    subject_request = request_file_public(type="access", email="a@example.org")
    event = subject_request.events.get()
    for attempt in (event.save, event.delete, RequestEvent.objects.all().delete):
        try:
            attempt()
        except PermissionError:
            continue
        raise AssertionError("the trail was changed")


def test_extension_tells_the_requester_and_only_once(db, staff, mailoutbox):
    import pytest

    from privacy.services import RequestStateError, request_verify

    subject_request = request_file_public(type="erasure", email="x@example.org")
    request_verify(subject_request=subject_request, actor=staff)
    request_extend(subject_request=subject_request, actor=staff, months=2, reason="12 extranets")
    assert "12 extranets" in mailoutbox[-1].body
    with pytest.raises(RequestStateError):
        request_extend(subject_request=subject_request, actor=staff, months=1, reason="again")


def test_refusal_gives_reason_and_mentions_the_cnil(db, staff, mailoutbox):
    from privacy.services import request_reject

    subject_request = request_file_public(type="erasure", email="x@example.org")
    request_reject(subject_request=subject_request, actor=staff, reason="Contract still runs")
    assert "Contract still runs" in mailoutbox[-1].body and "CNIL" in mailoutbox[-1].body


def test_daily_reminder_lists_requests_due_within_7_days(db, mailoutbox):
    today = timezone.localdate()
    soon = SubjectRequest.objects.create(
        type="access",
        email="s@example.org",
        status=Status.VERIFIED,
        due_date=today + datetime.timedelta(days=5),
    )
    SubjectRequest.objects.create(
        type="access",
        email="l@example.org",
        status=Status.VERIFIED,
        due_date=today + datetime.timedelta(days=20),
    )
    assert reminders_send() == 1
    assert mailoutbox[-1].to == [settings.STAFF_NOTIFICATION_EMAIL]
    assert f"#{soon.pk}" in mailoutbox[-1].body and "s@example.org" not in mailoutbox[-1].body
    assert "privacy.reminders_send" in {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}


def test_my_data_files_a_verified_request_for_the_signed_in_user(acme, acme_client):
    from tests.factories import UserFactory

    with in_schema(acme):
        user = UserFactory(email="me@acme.example")
        acme_client.force_login(user)
    response = acme_client.get("/my-data/")
    assert response.status_code == 200
    from privacy.registry import registry

    profile = registry.personal["accounts.user"]
    assert str(profile.description) in response.content.decode()
    acme_client.post("/my-data/", {"type": "withdraw_consent", "consent": "newsletter"})
    subject_request = SubjectRequest.objects.get()
    assert subject_request.status == Status.VERIFIED and subject_request.due_date
    assert (subject_request.extranet_schema, subject_request.user_id) == ("ext_acme", user.pk)


def test_my_data_requires_login(acme_client):
    assert acme_client.get("/my-data/").status_code == 302


def test_privacy_officer_group_has_exactly_the_needed_permissions(db):
    perms = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name="privacy officer").permissions.all()
    }
    assert "privacy.process_subjectrequest" in perms
    assert not any(p.startswith(("accounts.", "tenants.", "auth.")) for p in perms)


def test_privacy_officer_can_do_every_step(officer, mailoutbox, django_capture_on_commit_callbacks):
    client = Client(HTTP_HOST="perfony.localhost")
    client.force_login(officer)
    assert client.get("/admin/privacy/subjectrequest/?deadline=overdue").status_code == 200
    first = request_file_public(type="access", email="p@example.org")
    second = request_file_public(type="erasure", email="q@example.org")
    base = "/admin/privacy/subjectrequest/{}/"
    page = client.get(base.format(first.pk) + "change/")
    assert page.status_code == 200 and "Data found for this person" in page.content.decode()
    client.post(base.format(first.pk) + "verify/")
    client.post(base.format(first.pk) + "extend/", {"extend-months": 1, "extend-reason": "busy"})
    client.post(base.format(first.pk) + "approve/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(base.format(first.pk) + "execute/")
    client.post(base.format(second.pk) + "reject/", {"reject-reason": "Not you"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.COMPLETED and first.extended_due_date
    assert second.status == Status.REJECTED
    actors = set(first.events.values_list("actor", flat=True))
    assert "staff:officer" in actors
    subjects = [m.subject for m in mailoutbox if m.to == ["p@example.org"]]
    assert subjects == [
        "Please confirm your request to Perfony",  # receipt, with the identity link
        "Your request is confirmed",
        "We need more time for your request",
        "Your request has been handled",
    ]
    assert [m.subject for m in mailoutbox if m.to == ["q@example.org"]][-1] == (
        "Your request could not be granted"
    )
    assert client.get("/admin/privacy/subjectlegalhold/add/").status_code == 200
    assert client.get("/admin/tenants/extranet/").status_code == 403


def test_staff_without_the_group_cannot_process(db):
    from accounts.models import User

    plain = User.objects.create_user("plain", "plain@perfony.com", "pw", is_staff=True)
    client = Client(HTTP_HOST="perfony.localhost")
    client.force_login(plain)
    subject_request = request_file_public(type="access", email="p@example.org")
    response = client.post(f"/admin/privacy/subjectrequest/{subject_request.pk}/verify/")
    assert response.status_code == 403
    subject_request.refresh_from_db()
    assert subject_request.status == Status.UNVERIFIED


def test_a_user_can_never_download_another_users_export(
    acme, globex, staff, django_capture_on_commit_callbacks
):
    from privacy import services
    from tests.factories import UserFactory
    from tests.support.http import host_client

    with in_schema(acme):
        owner = UserFactory(email="owner@acme.example")
        other = UserFactory(email="other@acme.example")
    with django_capture_on_commit_callbacks(execute=True):
        subject_request = services.request_file_extranet(
            user=owner, schema_name="ext_acme", type="access"
        )
        services.request_approve(subject_request=subject_request, actor=staff)
        services.request_execute(subject_request=subject_request, actor=staff)
    export = subject_request.exports.get()
    url = f"/my-data/exports/{export.pk}/"
    acme_owner = host_client("acme.iperfony.localhost")
    acme_other = host_client("acme.iperfony.localhost")
    with in_schema(acme):
        acme_owner.force_login(owner)
        acme_other.force_login(other)
    assert acme_owner.get(url).status_code == 200
    assert acme_other.get(url).status_code == 404
    globex_client = host_client("globex.iperfony.localhost")
    with in_schema(globex):
        # The same user id in another extranet is another person.
        while UserFactory().pk < owner.pk:
            pass
        globex_client.force_login(type(owner).objects.get(pk=owner.pk))
    assert globex_client.get(url).status_code == 404


def test_dpo_form_is_rate_limited_per_ip(public_client):
    for i in range(5):
        public_client.post("/dpo/", {"type": "access", "email": f"r{i}@example.org"})
    response = public_client.post("/dpo/", {"type": "access", "email": "r9@example.org"})
    assert response.status_code == 429
    assert "r9@example.org" in response.content.decode()
    assert SubjectRequest.objects.count() == 5


def test_dpo_page_is_translated(public_client):
    body = public_client.get("/dpo/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Onze functionaris voor gegevensbescherming" in body
    body = public_client.get("/dpo/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Notre délégué à la protection des données" in body


def test_overdue_requests_stand_out_in_the_list(officer):
    late = SubjectRequest.objects.create(
        type="access",
        email="late@example.org",
        status=Status.APPROVED,
        due_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    SubjectRequest.objects.create(
        type="access",
        email="fine@example.org",
        status=Status.VERIFIED,
        due_date=timezone.localdate() + datetime.timedelta(days=20),
    )
    client = Client(HTTP_HOST="perfony.localhost")
    client.force_login(officer)
    body = client.get("/admin/privacy/subjectrequest/?deadline=overdue").content.decode()
    assert "privacy-overdue" in body and "late@example.org" in body
    assert "fine@example.org" not in body
    assert late.effective_due_date < timezone.localdate()

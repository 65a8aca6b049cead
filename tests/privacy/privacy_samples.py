"""Sample rows for privacy's own models and for Django/allauth models classified in privacy."""

import datetime

from allauth.account.models import EmailAddress, EmailConfirmation
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import User
from privacy.models import DataExport, RequestEvent, SubjectLegalHold, SubjectRequest
from tests.privacy.samples import sample_builder


@sample_builder("sessions.Session")
def build_session(person):
    session = SessionStore()
    session["_auth_user_id"] = str(person.user.pk)
    session.create()


@sample_builder("account.EmailAddress")
def build_email_address(person):
    EmailAddress.objects.create(user=person.user, email=person.email, primary=True, verified=True)


@sample_builder("account.EmailConfirmation")
def build_email_confirmation(person):
    address = EmailAddress.objects.create(user=person.user, email="new-" + person.email)
    EmailConfirmation.objects.create(email_address=address, key=f"k-{person.username}")


@sample_builder("admin.LogEntry")
def build_log_entry(person):
    """Staff changed records about this person: one entry names their address (on a prospect
    long gone), one points at their request and shows their name."""
    from prospects.models import Prospect

    staff, _ = User.objects.get_or_create(username="sample-staff", defaults={"is_staff": True})
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(Prospect),
        object_id="987654321",
        object_repr=f"{person.first_name} {person.last_name} <{person.email}>",
        action_flag=ADDITION,
    )
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(SubjectRequest),
        object_id=str(_old_request(person).pk),
        object_repr=f"Request of {person.last_name}",
        action_flag=CHANGE,
        change_message=f"Called {person.phone}",
    )


@sample_builder("privacy.SubjectLegalHold")
def build_released_hold(person):
    # Released, or it would block the erasure under test.
    SubjectLegalHold.objects.create(
        email=person.email, reason="litigation closed", released_at=timezone.now()
    )


def _old_request(person) -> SubjectRequest:
    if "request" not in person.extra:
        person.extra["request"] = SubjectRequest.objects.create(
            type=SubjectRequest.Type.QUESTION,
            email=person.email,
            details=f"I am {person.first_name} {person.last_name}, call me on {person.phone}",
            status=SubjectRequest.Status.COMPLETED,
        )
    return person.extra["request"]


@sample_builder("privacy.SubjectRequest")
def build_request(person):
    _old_request(person)


@sample_builder("privacy.RequestEvent")
def build_request_event(person):
    RequestEvent.objects.create(
        request=_old_request(person), actor="requester", action="received", note=person.phone
    )


@sample_builder("privacy.DataExport")
def build_export(person):
    export = DataExport(
        request=_old_request(person),
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    export.file.save("old.zip", ContentFile(person.email.encode()), save=True)
    person.extra["export_file"] = export.file.name

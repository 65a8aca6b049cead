from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from careers.models import Application, JobOpening
from core.audit import Actor, AuditAction
from core.emails import email_send_quietly
from core.services import audit_log


@transaction.atomic
def application_submit(
    *,
    opening: JobOpening | None,
    name: str,
    email: str,
    phone: str,
    cv,
    cover_letter: str,
    language: str,
) -> Application:
    application = Application.objects.create(
        opening=opening,
        name=name,
        email=email.strip().lower(),
        phone=phone,
        cv=cv,
        cover_letter=cover_letter,
        language=language,
    )
    audit_log(
        actor=Actor.requester("public form"),
        action=AuditAction.APPLICATION_RECEIVED,
        obj=application,
        data={"fields": ["name", "email", "phone", "cv", "cover_letter"]},
    )
    email_send_quietly(
        to=application.email,
        language=language,
        template="careers/email/application_ack",
        context={"name": name, "opening": opening},
    )
    return application


def application_status_validate(status: str, start: date | None, end: date | None) -> None:
    if status == Application.Status.HIRED and start is None:
        raise ValidationError({"employment_start": _("A hired applicant needs a start date.")})
    if status != Application.Status.HIRED and (start or end):
        raise ValidationError(_("Only a hired applicant has employment dates."))
    if start and end and end < start:
        raise ValidationError({"employment_end": _("The end cannot be before the start.")})


@transaction.atomic
def application_status_set(
    *,
    application: Application,
    status: str,
    actor,
    employment_start: date | None = None,
    employment_end: date | None = None,
) -> Application:
    """Rejected or hired (with dates): the retention engine purges by these fields."""
    application_status_validate(status, employment_start, employment_end)
    application.status = status
    application.employment_start = employment_start
    application.employment_end = employment_end
    application.save(update_fields=["status", "employment_start", "employment_end"])
    audit_log(
        actor=Actor.of(actor),
        action=AuditAction.APPLICATION_STATUS_SET,
        obj=application,
        data={"status": status, "fields": ["status", "employment_start", "employment_end"]},
    )
    return application


@transaction.atomic
def cv_download_record(*, application: Application, actor: Actor) -> None:
    """A staff member is about to read a CV: who and which one goes on the trail first."""
    audit_log(actor=actor, action=AuditAction.CV_DOWNLOADED, obj=application)


@transaction.atomic
def application_delete(*, application: Application, actor) -> None:
    audit_log(actor=Actor.of(actor), action=AuditAction.APPLICATION_DELETED, obj=application)
    if application.cv:
        application.cv.delete(save=False)
    application.delete()

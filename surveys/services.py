from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from accounts.models import User
from core.audit import Actor, AuditAction
from core.outbox import outbox_enqueue
from core.services import audit_log
from meetings.models import Meeting
from meetings.selectors import user_choices
from surveys.models import SurveyInvitation, SurveyResponse


class SurveyError(Exception):
    """A survey action that cannot be done; the message is for the user."""


@transaction.atomic
def survey_invite(*, actor: User, meeting: Meeting, language: str | None = None) -> list[int]:
    """Invite every active participant once; emails go out after the commit."""
    from surveys.tasks import survey_invitation_emails_send

    if not meeting.has_ended:
        raise SurveyError("meeting_not_ended")
    people = user_choices().filter(pk__in=meeting.participants.values("pk"))
    already = SurveyInvitation.objects.filter(meeting=meeting).values("user_id")
    created = SurveyInvitation.objects.bulk_create(
        SurveyInvitation(meeting=meeting, user=person) for person in people.exclude(pk__in=already)
    )
    ids = [inv.pk for inv in created]
    if ids:
        audit_log(
            actor=Actor.user(actor),
            action=AuditAction.SURVEY_INVITATIONS_CREATED,
            obj=meeting,
            data={"fields": ["user"], "count": len(ids)},
        )
        language = language or translation.get_language()
        # With the invitations' commit: a broker outage delays the emails, never loses them.
        outbox_enqueue(task_name=survey_invitation_emails_send.name, args=[ids, language])
    return ids


@transaction.atomic
def survey_answer(
    *,
    invitation: SurveyInvitation,
    preparation: int,
    time_keeping: int,
    decisions: int,
    action_clarity: int,
    comment: str = "",
) -> SurveyResponse:
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                meeting_id=invitation.meeting_id,
                respondent_id=invitation.user_id,
                preparation=preparation,
                time_keeping=time_keeping,
                decisions=decisions,
                action_clarity=action_clarity,
                comment=comment,
            )
    except IntegrityError as exc:
        raise SurveyError("already_answered") from exc
    audit_log(
        actor=Actor.user(invitation.user),
        action=AuditAction.SURVEY_RESPONSE_CREATED,
        obj=response,
        data={"fields": ["preparation", "time_keeping", "decisions", "action_clarity", "comment"]},
    )
    return response


def survey_invitation_mark_emailed(*, invitation: SurveyInvitation) -> None:
    SurveyInvitation.objects.filter(pk=invitation.pk).update(emailed_at=timezone.now())

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from accounts.models import User
from core.audit import Actor, AuditAction
from core.mailing import messages_send_until_failure
from core.outbox import outbox_enqueue
from core.services import audit_log
from meetings.models import Meeting
from meetings.selectors import user_choices
from surveys.emails import survey_invitation_message
from surveys.models import SurveyInvitation, SurveyResponse
from surveys.selectors import survey_invitation_unsent_list

# The task survey_invite queues, by name: services never import their tasks.
INVITATION_EMAILS_SEND_TASK = "surveys.invitation_emails_send"
INVITATION_EMAIL_BATCH = 50


class SurveyError(Exception):
    """A survey action that cannot be done; the message is for the user."""


@transaction.atomic
def survey_invite(*, actor: User, meeting: Meeting, language: str | None = None) -> list[int]:
    """Invite every active participant once; emails go out after the commit."""
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
        outbox_enqueue(task_name=INVITATION_EMAILS_SEND_TASK, args=[ids, language])
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


def survey_invitation_emails_send(*, invitation_ids: list[int], language: str) -> int:
    """Email the invitations not emailed yet, in batches; returns how many were sent.

    Safe to run twice, in parallel or after a crash: each invitation is locked, and marked
    emailed in the transaction of its send. When a send fails, what was sent before it is
    committed and the error is raised afterwards, so a retry emails nobody twice.
    """
    sent = 0
    for start in range(0, len(invitation_ids), INVITATION_EMAIL_BATCH):
        sent += _invitation_batch_send(
            ids=invitation_ids[start : start + INVITATION_EMAIL_BATCH], language=language
        )
    return sent


def _invitation_batch_send(*, ids: list[int], language: str) -> int:
    with transaction.atomic():
        pending = survey_invitation_unsent_list(ids=ids).select_for_update(skip_locked=True)
        # Erased members and members without an address are never emailed (nor marked).
        due = [i for i in pending if not i.user.is_erased and i.user.email]
        messages = [survey_invitation_message(invitation=i, language=language) for i in due]
        sent, failure = messages_send_until_failure(messages=messages)
        for invitation in due[:sent]:
            survey_invitation_mark_emailed(invitation=invitation)
    if failure is not None:
        raise failure
    return sent

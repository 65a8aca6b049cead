from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import User
from core.models import AuditEvent
from surveys.models import SurveyInvitation, SurveyResponse
from surveys.tasks import survey_invitation_emails_send
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory
from tests.support.http import login_as
from tests.support.tenants import in_schema


@pytest.fixture
def past_meeting(acme, acme_people):
    with in_schema(acme):
        erased = UserFactory(username=f"{User.ERASED_PREFIX}999")
        return MeetingFactory(
            title="Sprint review",
            organiser=acme_people["organiser"],
            participants=[acme_people["participant"], erased],
            starts_at=timezone.now() - timedelta(hours=3),
        )


def _invite(client, meeting, capture):
    with capture(execute=True):
        return client.post(f"/meetings/{meeting.pk}/survey/")


def test_invite_emails_participants_once_after_commit(
    acme, acme_client, acme_people, past_meeting, django_capture_on_commit_callbacks
):
    login_as(acme_client, acme, acme_people["organiser"])
    with django_capture_on_commit_callbacks() as callbacks:
        acme_client.post(f"/meetings/{past_meeting.pk}/survey/")
        assert mail.outbox == []  # nothing is sent before the commit
    for callback in callbacks:
        callback()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([acme_people["organiser"].email, acme_people["participant"].email])
    with in_schema(acme):
        invitation = SurveyInvitation.objects.get(user=acme_people["participant"])
        assert invitation.emailed_at is not None
        assert AuditEvent.objects.filter(action="surveys.invitations_created").count() == 1
    to_participant = next(m for m in mail.outbox if m.to == [acme_people["participant"].email])
    assert f"http://acme.iperfony.localhost/surveys/{invitation.pk}/" in to_participant.body
    assert "Sprint review" in mail.outbox[0].subject
    _invite(acme_client, past_meeting, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2  # a second click invites nobody twice


def test_task_is_idempotent(acme, acme_people, past_meeting):
    with in_schema(acme):
        invitation = SurveyInvitation.objects.create(
            meeting=past_meeting, user=acme_people["participant"]
        )
        assert survey_invitation_emails_send([invitation.pk], "en") == 1
        assert survey_invitation_emails_send([invitation.pk], "en") == 0
    assert len(mail.outbox) == 1


def test_invitation_email_in_requested_language(acme, acme_people, past_meeting):
    with in_schema(acme):
        invitation = SurveyInvitation.objects.create(
            meeting=past_meeting, user=acme_people["participant"]
        )
        survey_invitation_emails_send([invitation.pk], "nl")
    assert "Hoe verliep" in mail.outbox[0].subject


def test_future_meeting_cannot_be_surveyed(acme, acme_client, acme_people):
    with in_schema(acme):
        meeting = MeetingFactory(organiser=acme_people["organiser"])
    login_as(acme_client, acme, acme_people["organiser"])
    response = acme_client.post(f"/meetings/{meeting.pk}/survey/", follow=True)
    assert "once the meeting ends" in response.text
    with in_schema(acme):
        assert not SurveyInvitation.objects.exists()


def test_only_organiser_or_admin_can_invite(acme, acme_client, acme_people, past_meeting):
    login_as(acme_client, acme, acme_people["participant"])
    assert acme_client.post(f"/meetings/{past_meeting.pk}/survey/").status_code == 403
    login_as(acme_client, acme, acme_people["outsider"])
    assert acme_client.post(f"/meetings/{past_meeting.pk}/survey/").status_code == 404
    assert acme_client.get(f"/meetings/{past_meeting.pk}/survey/").status_code == 405


@pytest.fixture
def invitation(acme, acme_people, past_meeting):
    with in_schema(acme):
        return SurveyInvitation.objects.create(
            meeting=past_meeting, user=acme_people["participant"]
        )


def test_dashboard_notice_until_answered(acme, acme_client, acme_people, invitation):
    login_as(acme_client, acme, acme_people["participant"])
    assert f"/surveys/{invitation.pk}/" in acme_client.get("/").text
    answer = {"preparation": 4, "time_keeping": 5, "decisions": 3, "action_clarity": 2}
    response = acme_client.post(f"/surveys/{invitation.pk}/", {**answer, "comment": "Good"})
    assert response.status_code == 302
    assert f"/surveys/{invitation.pk}/" not in acme_client.get("/").text
    with in_schema(acme):
        saved = SurveyResponse.objects.get(respondent=acme_people["participant"])
        assert (saved.preparation, saved.action_clarity, saved.comment) == (4, 2, "Good")
        event = AuditEvent.objects.get(action="surveys.response_created")
        assert "Good" not in str(event.data)
    again = acme_client.post(f"/surveys/{invitation.pk}/", answer)
    assert "You already answered" in again.text
    with in_schema(acme):
        assert SurveyResponse.objects.count() == 1


def test_only_the_invited_person_can_answer(acme, acme_client, acme_people, invitation):
    for who in ("organiser", "admin", "outsider"):
        login_as(acme_client, acme, acme_people[who])
        assert acme_client.get(f"/surveys/{invitation.pk}/").status_code == 404


def test_invitation_is_not_reachable_from_globex(globex, globex_client, invitation):
    with in_schema(globex):
        user = UserFactory(pk=invitation.user_id)
    login_as(globex_client, globex, user)
    assert globex_client.get(f"/surveys/{invitation.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"preparation": 6}, "Select a valid choice. 6 is not one of the available choices."),
        ({"preparation": 0}, "Select a valid choice."),
        ({"preparation": ""}, "This field is required."),
        ({"comment": "c" * 2001}, "at most 2000 characters"),
    ],
)
def test_bad_answers_are_refused_and_kept(
    data, message, acme, acme_client, acme_people, invitation
):
    login_as(acme_client, acme, acme_people["participant"])
    answer = {"preparation": 4, "time_keeping": 5, "decisions": 3, "action_clarity": 2}
    response = acme_client.post(f"/surveys/{invitation.pk}/", {**answer, **data})
    assert response.status_code == 200
    assert message in response.text
    assert 'value="5" id="id_time_keeping_4" checked' in response.text.replace("required ", "")
    with in_schema(acme):
        assert not SurveyResponse.objects.exists()

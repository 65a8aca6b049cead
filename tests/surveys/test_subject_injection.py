"""A newline in a meeting title: stripped by the meeting form, flattened in survey mails."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from meetings.models import Meeting
from surveys.models import SurveyInvitation
from surveys.tasks import survey_invitation_emails_send
from tests.meetings.factories import MeetingFactory
from tests.support.http import login_as
from tests.support.tenants import in_schema


def _when(days=3, hour=10):
    day = timezone.localdate() + timedelta(days=days)
    return f"{day:%Y-%m-%d}T{hour:02d}:00"


def test_meeting_title_and_place_are_stored_on_one_line(acme, acme_client, acme_people):
    client = login_as(acme_client, acme, acme_people["organiser"])
    response = client.post(
        "/meetings/new/",
        {
            "title": "Roadmap\r\nreview",
            "location": "Room\n4",
            "starts_at": _when(hour=10),
            "ends_at": _when(hour=11),
            "participants": [acme_people["participant"].pk],
        },
    )
    assert response.status_code == 302
    with in_schema(acme):
        meeting = Meeting.objects.get(organiser=acme_people["organiser"])
    assert (meeting.title, meeting.location) == ("Roadmap review", "Room 4")


def test_survey_mail_is_sent_when_an_old_title_holds_a_newline(acme, acme_people):
    with in_schema(acme):
        meeting = MeetingFactory(
            title="Sprint\r\nBcc: victim@example.org",
            organiser=acme_people["organiser"],
            participants=[acme_people["participant"]],
            starts_at=timezone.now() - timedelta(hours=3),
        )
        invitation = SurveyInvitation.objects.create(
            meeting=meeting, user=acme_people["participant"]
        )
        assert survey_invitation_emails_send([invitation.pk], "en") == 1
    [message] = mail.outbox
    assert message.subject == "How did “Sprint Bcc: victim@example.org” go?"
    assert message.message().get_all("Bcc") is None

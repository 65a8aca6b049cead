"""Survey invitation emails (surveys.services): a mail server that fails mid-way."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from perfony.celery import app
from surveys import services, tasks
from surveys.models import SurveyInvitation
from tests.core.flaky_mail import FlakyMailBackend, flaky_mail
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory
from tests.support.tenants import in_schema


@pytest.fixture
def invitations(acme, acme_people):
    with in_schema(acme):
        people = [UserFactory(email=f"invitee{n}@acme.example") for n in range(3)]
        meeting = MeetingFactory(
            organiser=acme_people["organiser"],
            participants=people,
            starts_at=timezone.now() - timedelta(hours=3),
        )
        return [SurveyInvitation.objects.create(meeting=meeting, user=p).pk for p in people]


def test_the_task_is_registered_under_the_name_the_service_queues():
    registered = app.tasks[services.INVITATION_EMAILS_SEND_TASK]
    assert registered.run is tasks.survey_invitation_emails_send.run


def test_a_failed_send_keeps_the_invitations_emailed_before_it(acme, invitations, settings):
    flaky_mail(settings, fail_at={2})
    with in_schema(acme):
        with pytest.raises(smtplib.SMTPServerDisconnected):
            services.survey_invitation_emails_send(invitation_ids=invitations, language="en")
        emailed = SurveyInvitation.objects.filter(pk__in=invitations, emailed_at__isnull=False)
        assert emailed.count() == len(mail.outbox) == 1
        assert (
            services.survey_invitation_emails_send(invitation_ids=invitations, language="en") == 2
        )
    assert len({m.to[0] for m in mail.outbox}) == len(mail.outbox) == 3


def test_the_task_retries_a_mail_server_outage_and_emails_nobody_twice(acme, invitations, settings):
    flaky_mail(settings, fail_at={3})
    with in_schema(acme):
        result = tasks.survey_invitation_emails_send.apply(args=[invitations, "en"], throw=False)
        assert SurveyInvitation.objects.filter(emailed_at__isnull=True).count() == 0
    assert result.successful()
    assert FlakyMailBackend.attempts == 4
    assert len({m.to[0] for m in mail.outbox}) == len(mail.outbox) == 3

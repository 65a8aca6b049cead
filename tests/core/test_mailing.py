"""core.mailing: a batch stops at the first failed send and says how far it got."""

import smtplib

from django.core import mail
from django.core.mail import EmailMessage

from core.mailing import messages_send_until_failure
from tests.core.flaky_mail import FlakyMailBackend, flaky_mail


def _messages(count):
    return [EmailMessage("s", "b", None, [f"m{n}@example.test"]) for n in range(count)]


def test_all_sent():
    assert messages_send_until_failure(messages=_messages(3)) == (3, None)
    assert [m.to[0] for m in mail.outbox] == [
        "m0@example.test",
        "m1@example.test",
        "m2@example.test",
    ]


def test_the_first_failure_stops_the_rest_and_is_handed_back(settings):
    flaky_mail(settings, fail_at={2})
    sent, error = messages_send_until_failure(messages=_messages(4))
    assert sent == 1 and isinstance(error, smtplib.SMTPServerDisconnected)
    assert [m.to[0] for m in mail.outbox] == ["m0@example.test"]
    assert FlakyMailBackend.attempts == 2  # nothing is tried after the failure

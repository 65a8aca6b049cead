"""A mail server that drops the connection at chosen sends, for the email retry tests.

It stands in for the SMTP server only (Django's mail backends are the documented seam); what it
delivers lands in django.core.mail.outbox like the test backend's.
"""

from __future__ import annotations

import smtplib
from typing import ClassVar

from django.core.mail.backends import locmem


class FlakyMailBackend(locmem.EmailBackend):
    fail_at: ClassVar[set[int]] = set()  # 1-based numbers of the sends that fail
    attempts: ClassVar[int] = 0
    error: ClassVar[type[Exception]] = smtplib.SMTPServerDisconnected

    def send_messages(self, messages):
        for message in messages:
            FlakyMailBackend.attempts += 1
            if FlakyMailBackend.attempts in FlakyMailBackend.fail_at:
                raise FlakyMailBackend.error("Connection unexpectedly closed")
            super().send_messages([message])
        return len(messages)


def flaky_mail(
    settings, *, fail_at: set[int], error: type[Exception] = smtplib.SMTPServerDisconnected
):
    """Route this test's email through a server that fails the given sends."""
    settings.EMAIL_BACKEND = "tests.core.flaky_mail.FlakyMailBackend"
    FlakyMailBackend.fail_at = set(fail_at)
    FlakyMailBackend.attempts = 0
    FlakyMailBackend.error = error

"""Sending a batch of emails whose progress is recorded, so that a retry emails nobody twice."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.core.mail import EmailMessage, get_connection

logger = logging.getLogger(__name__)


def messages_send_until_failure(
    *, messages: Sequence[EmailMessage]
) -> tuple[int, Exception | None]:
    """Send in order over one connection and stop at the first failure.

    Returns how many went out and the error that stopped the rest (None when all went out).
    The caller records the ones sent, commits, and then raises the error for the task's retry:
    raising at once would roll back the record of emails that did leave.
    """
    sent = 0
    try:
        with get_connection() as connection:
            for message in messages:
                connection.send_messages([message])
                sent += 1
    except Exception as error:  # handed back to the caller, who raises it after its commit
        logger.warning("email batch stopped after %s of %s: %s", sent, len(messages), error)
        return sent, error
    return sent, None

"""The security log. Plain values in (the receivers read them from the request): the client's
IP as our proxy settings resolve it, its user agent, and the browser id the request carries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import connection
from django_tenants.utils import get_public_schema_name

from security.browser import browser_hash, browser_id_or_new
from security.models import KnownBrowser, SecurityEvent
from security.selectors import user_for_login

if TYPE_CHECKING:
    from accounts.models import User

Kind = SecurityEvent.Kind


def security_event_record(
    *, kind: str, user: User | None, ip: str | None, user_agent: str
) -> SecurityEvent | None:
    """Log one event in the current extranet; staff activity on the public host is not logged."""
    if connection.schema_name == get_public_schema_name():
        return None
    return SecurityEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.is_authenticated else None,
        ip=ip or None,
        user_agent=user_agent[:300],
    )


def login_record(
    *,
    user: User,
    ip: str | None,
    user_agent: str,
    preferences_consented: bool,
    browser_id: str,
) -> str | None:
    """Log a login, and a first login from this browser. `browser_id` is the browser's pf_bid
    cookie ("" if none); it is only read with consent to preferences.

    Returns the browser id the response must set (renewed at each login, so the 100 days run
    from the last use), or None: on the public host, or without consent to preferences (new
    browsers are not computed).
    """
    security_event_record(kind=Kind.LOGIN, user=user, ip=ip, user_agent=user_agent)
    if connection.schema_name == get_public_schema_name() or not preferences_consented:
        return None
    browser_id = browser_id_or_new(browser_id=browser_id)
    known, created = KnownBrowser.objects.get_or_create(
        user=user, browser_hash=browser_hash(browser_id)
    )
    if created:
        security_event_record(kind=Kind.NEW_BROWSER, user=user, ip=ip, user_agent=user_agent)
    else:
        known.save(update_fields=["last_seen"])
    return browser_id


def login_throttled_record(*, login: str, ip: str | None, user_agent: str) -> None:
    """`login` only finds the account; the typed text itself is never stored."""
    user = user_for_login(login=login)
    security_event_record(kind=Kind.LOGIN_THROTTLED, user=user, ip=ip, user_agent=user_agent)

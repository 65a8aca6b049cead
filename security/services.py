from __future__ import annotations

from django.db import connection
from django.http import HttpRequest
from django_tenants.utils import get_public_schema_name

from core import http
from security.browser import browser_hash, browser_id_for_login
from security.models import KnownBrowser, SecurityEvent
from security.selectors import user_for_login

Kind = SecurityEvent.Kind


def client_ip(*, request: HttpRequest | None) -> str | None:
    """The same client IP allauth's rate limits use (honours the trusted proxy settings)."""
    if request is None:
        return None
    return http.client_ip(request) or None


def security_event_record(
    *, kind: str, request: HttpRequest | None, user=None
) -> SecurityEvent | None:
    """Log one event in the current extranet; staff activity on the public host is not logged."""
    if connection.schema_name == get_public_schema_name():
        return None
    agent = request.headers.get("user-agent", "") if request is not None else ""
    return SecurityEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.is_authenticated else None,
        ip=client_ip(request=request),
        user_agent=agent[:300],
    )


def login_record(*, request: HttpRequest, user) -> None:
    security_event_record(kind=Kind.LOGIN, request=request, user=user)
    if connection.schema_name == get_public_schema_name():
        return
    browser_id = browser_id_for_login(request=request)
    if browser_id is None:
        return  # no consent to preferences: new browsers are not computed
    _known, created = KnownBrowser.objects.get_or_create(
        user=user, browser_hash=browser_hash(browser_id)
    )
    if created:
        security_event_record(kind=Kind.NEW_BROWSER, request=request, user=user)
    else:
        _known.save(update_fields=["last_seen"])


def login_throttled_record(*, request: HttpRequest, login: str) -> None:
    """`login` only finds the account; the typed text itself is never stored."""
    user = user_for_login(login=login)
    security_event_record(kind=Kind.LOGIN_THROTTLED, request=request, user=user)

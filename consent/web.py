"""The HTTP side of a cookie choice: what the submit view writes to its request and response
from what consent.services returns (services never see the request)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from consent import cookies
from consent.selectors import (
    BROWSER_ID_COOKIE,
    COOKIE_NAME,
    ConsentState,
    cookie_encode,
    refused_cookie_names,
)


def consent_state_remember(*, request: HttpRequest, state: ConsentState) -> None:
    """The rest of this request follows the new choice (consent_state reads it from here)."""
    request._pf_consent = state


def consent_cookies_apply(
    *, request: HttpRequest, response: HttpResponse, state: ConsentState
) -> None:
    max_age = cookies.max_age_seconds()
    response.set_cookie(
        COOKIE_NAME,
        cookie_encode(state=state),
        max_age=max_age,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    # Withdrawal is as easy as giving: every non-essential cookie now refused is expired.
    for name in refused_cookie_names(cookie_names=request.COOKIES, state=state):
        response.delete_cookie(name, samesite="Lax")
    if state.allows(cookies.PREFERENCES) and BROWSER_ID_COOKIE not in request.COOKIES:
        response.set_cookie(
            BROWSER_ID_COOKIE,
            secrets.token_urlsafe(18),
            max_age=max_age,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )

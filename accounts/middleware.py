"""Staff sessions on the public host: idle and absolute limits, and a second factor first."""

from __future__ import annotations

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.backends.base import SessionBase
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name

SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def _urlconf(request: HttpRequest) -> str | None:
    # Middleware runs before Django activates the host's urlconf (set by the tenant middleware).
    return getattr(request, "urlconf", None)


# Unix times kept in a staff member's (server-side) session.
AUTHENTICATED_AT = "staff_authenticated_at"
SEEN_AT = "staff_seen_at"


def staff_session_start(*, session: SessionBase) -> None:
    """A login on the public host starts the idle and absolute clocks of its session (called
    by the login receiver: the session is the HTTP layer's, not a service's)."""
    if connection.schema_name != get_public_schema_name():
        return
    now = time.time()
    session[AUTHENTICATED_AT] = now
    session[SEEN_AT] = now


def session_expired(*, authenticated_at: float, seen_at: float, now: float) -> bool:
    return (
        now - seen_at > settings.STAFF_SESSION_IDLE_SECONDS
        or now - authenticated_at > settings.STAFF_SESSION_MAX_SECONDS
    )


class StaffSessionMiddleware:
    """Runs after AuthenticationMiddleware. Extranet sessions (tenant schemas) are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if connection.schema_name != get_public_schema_name() or not request.user.is_authenticated:
            return self.get_response(request)
        response = self._end_expired(request)
        if response is not None:
            return response
        response = self._require_second_factor(request)
        if response is not None:
            return response
        return self.get_response(request)

    def _end_expired(self, request: HttpRequest) -> HttpResponse | None:
        session = request.session
        now = time.time()
        authenticated_at = session.setdefault(AUTHENTICATED_AT, now)
        seen_at = session.get(SEEN_AT, now)
        if session_expired(authenticated_at=authenticated_at, seen_at=seen_at, now=now):
            logout(request)  # flushes the session row, not only the cookie
            messages.info(request, _("Your session has ended. Please log in again."))
            login_url = reverse("account_login", urlconf=_urlconf(request))
            return redirect_to_login(request.get_full_path(), login_url)
        session[SEEN_AT] = now
        # The row and the cookie expire with the idle limit too, whatever this code does next.
        session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
        return None

    def _require_second_factor(self, request: HttpRequest) -> HttpResponse | None:
        user = request.user
        if not (settings.STAFF_MFA_REQUIRED and user.is_staff):
            return None
        if not request.path.startswith(reverse("admin:index", urlconf=_urlconf(request))):
            return None
        if is_mfa_enabled(user, types=SECOND_FACTORS):
            return None
        messages.warning(
            request,
            _(
                "Set up two-factor authentication (an authenticator app or a security key) "
                "before using the back office."
            ),
        )
        return HttpResponseRedirect(reverse("mfa_index", urlconf=_urlconf(request)))

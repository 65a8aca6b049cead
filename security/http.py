"""What the security log reads from a request: the client's IP and user agent. The receivers
pass these plain values to security.services."""

from __future__ import annotations

from typing import TypedDict

from django.http import HttpRequest

from consent import selectors as consent_selectors
from core import http
from security.browser import BROWSER_COOKIE


class ClientValues(TypedDict):
    ip: str | None
    user_agent: str


class BrowserValues(TypedDict):
    preferences_consented: bool
    browser_id: str


def request_ip(request: HttpRequest | None) -> str | None:
    """The same client IP allauth's rate limits use (honours the trusted proxy settings)."""
    if request is None:
        return None
    return http.client_ip(request) or None


def request_user_agent(request: HttpRequest | None) -> str:
    return request.headers.get("user-agent", "") if request is not None else ""


def request_client(request: HttpRequest | None) -> ClientValues:
    """The keyword arguments every security.services function takes about the client."""
    return {"ip": request_ip(request), "user_agent": request_user_agent(request)}


def request_browser(request: HttpRequest) -> BrowserValues:
    """The keyword arguments of login_record about the browser: its id is read only with
    consent to preferences."""
    consented = consent_selectors.category_consented(request=request, category="preferences")
    return {
        "preferences_consented": consented,
        "browser_id": request.COOKIES.get(BROWSER_COOKIE, "") if consented else "",
    }

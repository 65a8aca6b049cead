"""The visitor's IP address, as seen through our reverse proxy."""

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """Behind a proxy REMOTE_ADDR is the proxy: every visitor would share one rate limit and one
    security-log IP. allauth's resolver honours ALLAUTH_TRUSTED_PROXY_COUNT and
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER, so logins, forms, consent proof and logs agree."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return ""

"""The visitor's IP address, as seen through our reverse proxy, and its truncation."""

import ipaddress

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


def ip_truncate(*, ip: str) -> str:
    """The network part only: /24 for IPv4, /48 for IPv6, enough for a region, not a household.

    The one truncation of the platform (consent proof, opt-in proofs, testimonial consents), so
    an IPv4 address seen as IPv4-mapped IPv6 (`::ffff:203.0.113.9`) gives the same
    `203.0.113.0/24` everywhere instead of `::/48`. Anything that is not an IP gives "".
    """
    try:
        address = ipaddress.ip_address(ip.strip())
    except (ValueError, AttributeError):
        return ""
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))

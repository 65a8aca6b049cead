import pytest
from django.test import RequestFactory, override_settings

from core.http import client_ip


def _request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **meta)


def test_without_a_proxy_the_peer_address_is_the_client():
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="203.0.113.9")) == "10.0.0.1"


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_one_trusted_proxy_the_forwarded_address_is_the_client():
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9")) == "203.0.113.9"


def test_a_missing_address_gives_an_empty_string_not_an_error():
    request = RequestFactory().get("/")
    request.META.pop("REMOTE_ADDR", None)
    assert client_ip(request) == ""


@pytest.mark.parametrize(
    ("ip", "truncated"),
    [
        ("203.0.113.9", "203.0.113.0/24"),
        # IPv4-mapped IPv6 is the IPv4 address: the same network, not "::/48".
        ("::ffff:203.0.113.9", "203.0.113.0/24"),
        ("2001:db8:abcd:12::1", "2001:db8:abcd::/48"),
        (" 198.51.100.7 ", "198.51.100.0/24"),
        ("not an ip", ""),
        ("", ""),
    ],
)
def test_ip_truncate_is_one_rule_for_every_proof(ip, truncated):
    from consent.selectors import ip_truncate as consent_truncate
    from core.http import ip_truncate

    assert ip_truncate(ip=ip) == truncated
    assert consent_truncate is ip_truncate  # the consent proof uses the same helper

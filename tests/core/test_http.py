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

"""Test clients on a host: the public site or an extranet, anonymous or logged in."""

from django.test import Client

from tests.support.tenants import in_schema

PUBLIC_HOST = "perfony.localhost"


def host_client(host: str, **kwargs) -> Client:
    return Client(HTTP_HOST=host, **kwargs)


def login_as(client, extranet, user):
    """`client` logged in as `user`, whose account lives in `extranet`'s schema."""
    with in_schema(extranet):
        client.force_login(user)
    return client

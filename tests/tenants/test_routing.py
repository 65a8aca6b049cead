"""Host routing is cached in Redis and forgotten as soon as a domain or an extranet changes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.models import Domain, Extranet
from tenants.routing import extranet_for_host
from tests.support.http import host_client

ACME_HOST = "acme.iperfony.localhost"


def _queries_for(host: str) -> tuple[Extranet | None, int]:
    with CaptureQueriesContext(connection) as queries:
        extranet = extranet_for_host(host=host)
    return extranet, len(queries)


def test_a_known_host_is_looked_up_once_then_served_from_the_cache(acme):
    first, first_queries = _queries_for(ACME_HOST)
    second, second_queries = _queries_for(ACME_HOST)
    assert first == second == acme and second.schema_name == "ext_acme"
    assert first_queries >= 1 and second_queries == 0


def test_changing_a_domain_moves_the_routing_at_once(acme):
    assert host_client(ACME_HOST).get("/accounts/login/").status_code == 200  # now cached
    domain = Domain.objects.get(domain=ACME_HOST)
    domain.domain = "acme-sa.iperfony.localhost"
    domain.save()

    assert host_client(ACME_HOST).get("/accounts/login/").status_code == 404
    response = host_client("acme-sa.iperfony.localhost").get("/accounts/login/")
    assert response.status_code == 200 and b"Acme SA" in response.content


def test_deleting_a_domain_makes_its_host_unknown(acme):
    assert extranet_for_host(host=ACME_HOST) == acme
    Domain.objects.get(domain=ACME_HOST).delete()
    assert extranet_for_host(host=ACME_HOST) is None
    assert host_client(ACME_HOST).get("/").status_code == 404


def test_an_unknown_host_gets_404_every_time_until_its_domain_exists(acme):
    host = "initech.iperfony.localhost"
    for _ in range(2):  # the second answer comes from the cached miss
        response = host_client(host).get("/")
        assert response.status_code == 404 and b"does not exist" in response.content
    Domain.objects.create(domain=host, tenant=acme, is_primary=False)
    assert host_client(host).get("/accounts/login/").status_code == 200


def test_saving_an_extranet_refreshes_its_cached_row(acme):
    assert extranet_for_host(host=ACME_HOST).name == "Acme SA"
    acme.name = "Acme Holding"
    acme.save()
    assert extranet_for_host(host=ACME_HOST).name == "Acme Holding"


def test_a_queryset_update_through_the_company_form_refreshes_it_too(acme, acme_admin):
    from extranet.services import company_update
    from tests.support.tenants import in_schema

    assert extranet_for_host(host=ACME_HOST).name == "Acme SA"
    with in_schema(acme):
        company_update(
            actor=acme_admin,
            extranet=acme,
            data={"name": "Acme Group", "postal_address": "", "sector": ""},
        )
    assert extranet_for_host(host=ACME_HOST).name == "Acme Group"

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django_tenants.utils import get_public_schema_name

from tenants.models import Extranet


def site_url(*, host: str, path: str = "/") -> str:
    port = f":{settings.SITE_PORT}" if settings.SITE_PORT else ""
    return f"{settings.SITE_SCHEME}://{host}{port}{path}"


def extranet_host(*, slug: str) -> str:
    return f"{slug}.{settings.EXTRANET_DOMAIN}"


def extranet_url(*, extranet: Extranet, path: str = "/") -> str:
    return site_url(host=extranet_host(slug=extranet.slug), path=path)


def public_url(*, path: str = "/") -> str:
    return site_url(host=settings.PUBLIC_HOST, path=path)


def public_page_url(*, name: str, args: tuple = ()) -> str:
    """Absolute link to a public-site page by its URL name, also from a task or from an
    extranet request (whose urlconf does not know the public pages)."""
    path = reverse(name, args=args, urlconf=settings.PUBLIC_SCHEMA_URLCONF)
    return public_url(path=path)


def extranet_list() -> QuerySet[Extranet]:
    """Every customer extranet (the public schema excluded)."""
    return Extranet.objects.exclude(schema_name=get_public_schema_name()).order_by("schema_name")

from django.conf import settings
from django.db import connection
from django_tenants.utils import get_public_schema_name


def site(request):
    tenant = getattr(request, "tenant", None)
    on_extranet = tenant is not None and connection.schema_name != get_public_schema_name()
    return {
        "on_extranet": on_extranet,
        "extranet": tenant if on_extranet else None,
        "public_site_url": f"{settings.SITE_SCHEME}://{settings.PUBLIC_HOST}"
        + (f":{settings.SITE_PORT}" if settings.SITE_PORT else ""),
    }

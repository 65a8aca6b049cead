"""Extranets and schemas."""

from contextlib import contextmanager

from django_tenants.utils import schema_context, tenant_context

from tenants.models import Extranet


def extranet_ensure(slug: str, name: str, admin_email: str) -> Extranet:
    """The extranet `slug`, provisioned by the real service the first time (kept by --reuse-db)."""
    from tenants.services import extranet_create

    existing = Extranet.objects.filter(slug=slug).first()
    if existing:
        return existing
    return extranet_create(slug=slug, company_name=name, admin_email=admin_email).extranet


@contextmanager
def in_schema(extranet_or_schema):
    """Run a block in a tenant schema (an Extranet) or a named schema, then return to public."""
    if isinstance(extranet_or_schema, Extranet):
        with tenant_context(extranet_or_schema):
            yield
    else:
        with schema_context(extranet_or_schema):
            yield

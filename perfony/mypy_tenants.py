"""mypy plugin: the database connection is django-tenants' (see DATABASES' ENGINE).

django-stubs types `django.db.connection` as Django's `BaseDatabaseWrapper`; the tenant backend
adds the current schema and the calls that switch it. Declaring them here keeps every
`connection.schema_name` typed without an ignore at each use. Used by `make lint` only.
"""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import TypeInfo
from mypy.plugin import ClassDefContext, Plugin
from mypy.plugins.common import add_attribute_to_class
from mypy.types import AnyType, TypeOfAny

WRAPPER = "django.db.backends.base.base.BaseDatabaseWrapper"
# What django_tenants.postgresql_backend.base.DatabaseWrapper adds (an untyped package: Any,
# except the schema's name).
TENANT_METHODS = ("set_schema", "set_schema_to_public", "set_tenant")


def _add_tenant_attributes(ctx: ClassDefContext) -> None:
    info: TypeInfo = ctx.cls.info
    if "schema_name" in info.names:
        return
    add_attribute_to_class(ctx.api, ctx.cls, "schema_name", ctx.api.named_type("builtins.str"))
    add_attribute_to_class(ctx.api, ctx.cls, "tenant", AnyType(TypeOfAny.special_form))
    for name in TENANT_METHODS:
        add_attribute_to_class(ctx.api, ctx.cls, name, AnyType(TypeOfAny.special_form))


class TenantConnectionPlugin(Plugin):
    def get_customize_class_mro_hook(
        self, fullname: str
    ) -> Callable[[ClassDefContext], None] | None:
        return _add_tenant_attributes if fullname == WRAPPER else None


def plugin(version: str) -> type[Plugin]:
    return TenantConnectionPlugin

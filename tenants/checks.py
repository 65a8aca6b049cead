"""System checks for running behind a connection pooler (docs/scaling.md, PgBouncer)."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def pool_mode_check(app_configs=None, **kwargs) -> list[Error]:
    """django-tenants sets search_path with a session-level SET, as a statement of its own.

    Under PgBouncer's transaction pooling the next statement may run on another server
    connection, one whose search_path another client set: a query of one extranet could read
    another's schema. Only session pooling (or no pooler) keeps a connection's SET its own.
    """
    mode = getattr(settings, "DATABASE_POOL_MODE", "session")
    if mode == "session":
        return []
    return [
        Error(
            f"DATABASE_POOL_MODE={mode!r} is not supported: search_path is set per session, "
            "so a pooler must run in session mode.",
            hint="Configure PgBouncer with pool_mode = session (see docs/scaling.md).",
            id="tenants.E001",
        )
    ]

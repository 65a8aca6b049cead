"""The Celery app. Tasks are tenant-aware: a task runs in the schema of whoever queued it.

Tenant tasks fail closed. tenant-schemas-celery switches schema in a `task_prerun` signal
handler; when the extranet is gone, its lookup raises there, Celery only logs signal errors,
and the task would run in public. So every task also carries the extranet's id, and runs only
if that extranet still exists under that schema and the connection really is in it; otherwise
it is discarded with a log line (never run in public, never for a re-used slug's new owner).
"""

import logging
import os
import smtplib
import socket

from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError
from tenant_schemas_celery.app import CeleryApp
from tenant_schemas_celery.task import TenantTask

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perfony.settings.local")

logger = logging.getLogger("perfony.tasks")


def current_tenant() -> tuple[str, int | None]:
    """The connection's schema and the id of the extranet that owns it (None in public)."""
    from django.db import connection
    from django_tenants.utils import get_public_schema_name  # reads settings: not at import

    schema_name = connection.schema_name
    if schema_name == get_public_schema_name():
        return schema_name, None
    pk = getattr(connection.tenant, "pk", None)
    if pk is None:  # schema_context() sets a FakeTenant without an id
        from tenants.models import Extranet

        pk = Extranet.objects.filter(schema_name=schema_name).values_list("pk", flat=True).first()
    return schema_name, pk


def _with_tenant(headers: dict | None) -> dict:
    headers = dict(headers or {})
    if "_schema_name" not in headers:
        headers["_schema_name"], headers["_extranet_id"] = current_tenant()
    headers.setdefault("_extranet_id", None)
    return headers


def _header(request, name: str):
    headers = request.headers or {}
    return headers.get(name) if name in headers else request.get(name)


def tenant_task_refusal(request) -> str:
    """Why a task must not run in the tenant it names, or "" when it may."""
    from django.db import connection
    from django_tenants.utils import get_public_schema_name

    from tenants.models import Extranet

    schema_name = _header(request, "_schema_name")
    if not schema_name or schema_name == get_public_schema_name():
        return ""
    extranet_id = _header(request, "_extranet_id")
    if extranet_id is None:
        return f"no extranet id for schema {schema_name}"
    if not Extranet.objects.filter(pk=extranet_id, schema_name=schema_name).exists():
        return f"extranet #{extranet_id} no longer owns schema {schema_name}"
    if connection.schema_name != schema_name:
        return f"could not switch to schema {schema_name}"
    return ""


class FailClosedTask(TenantTask):
    abstract = True
    # A database that is restarting (or a connection it cut) is retried with backoff; tasks
    # are idempotent, so a retry after a partial run finishes the job.
    autoretry_for = (OperationalError, InterfaceError)
    retry_backoff = 5
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 8

    def __call__(self, *args, **kwargs):
        refusal = tenant_task_refusal(self.request)
        if refusal:
            logger.warning("task %s[%s] discarded: %s", self.name, self.request.id, refusal)
            return None
        return super().__call__(*args, **kwargs)

    def apply(self, args=None, kwargs=None, *arg, **kw):
        kw["headers"] = _with_tenant(kw.get("headers"))
        return super().apply(args, kwargs, *arg, **kw)


class PerfonyCelery(CeleryApp):
    def send_task(self, name, args=None, kwargs=None, **options):
        options["headers"] = _with_tenant(options.get("headers"))
        return super().send_task(name, args=args, kwargs=kwargs, **options)


app = PerfonyCelery("perfony", task_cls=FailClosedTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# --- Email tasks: retried with exponential backoff and jitter (issue 17) ---------------------
# Only for tasks whose resend is safe: each recipient's send is recorded (a delivery row, a
# cursor, `emailed_at`, a once-key) in the transaction that commits before the error is raised,
# so a retry picks up at the first recipient not yet emailed and never emails anyone twice.
# Transient failures only: a mail server that is down, cut the connection or timed out. A
# refused recipient (SMTPRecipientsRefused, also an OSError) would fail again the same way.
# A soft time limit too: the batch stopped where its progress was committed, the retry goes on.
EMAIL_TRANSIENT_ERRORS: tuple[type[Exception], ...] = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    ConnectionError,
    TimeoutError,
    socket.gaierror,
    SoftTimeLimitExceeded,
)
EMAIL_TASK_OPTIONS: dict = {
    "autoretry_for": (OperationalError, InterfaceError, *EMAIL_TRANSIENT_ERRORS),
    "retry_backoff": 30,  # 30 s, 1 min, 2 min... with full jitter
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 6,
}

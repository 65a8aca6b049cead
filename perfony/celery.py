"""The Celery app. Tasks are tenant-aware: a task runs in the schema of whoever queued it."""

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perfony.settings.local")

app = CeleryApp("perfony")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

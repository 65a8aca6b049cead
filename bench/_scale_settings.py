"""bench/scale.py's settings: development's, plus a tenant app whose migration appears mid-run."""

from perfony.settings.local import *  # noqa: F403
from perfony.settings.local import INSTALLED_APPS, TENANT_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench_scale_app"]
TENANT_APPS = [*TENANT_APPS, "bench_scale_app"]

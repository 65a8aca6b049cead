from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Extranets")

    def ready(self):
        from tenants import checks, routing  # noqa: F401  (registers the checks, the cache signals)

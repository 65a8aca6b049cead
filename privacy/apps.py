from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Data-subject requests and the registry of personal data."""

    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from django.core import checks

        from privacy import checks as privacy_checks
        from privacy import receivers  # noqa: F401  (connects the signal receivers)

        # Every app declares its personal data in its own privacy.py.
        autodiscover_modules("privacy")
        checks.register(privacy_checks.registry_complete)
        checks.register(privacy_checks.suppression_keys_set)

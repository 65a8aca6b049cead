from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Data-subject requests and the registry of personal data (issue: GDPR rights)."""

    name = "privacy"
    verbose_name = _("Privacy")

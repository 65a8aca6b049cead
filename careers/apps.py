from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareersConfig(AppConfig):
    """Job openings and applications (public schema)."""

    name = "careers"
    verbose_name = _("Careers")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    """Consented visits to the public site, counted per country and day. No IP is stored."""

    name = "stats"
    verbose_name = _("Visitor statistics")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProspectsConfig(AppConfig):
    """Prospects, contact messages, newsletter, referral and partner sharing (public schema)."""

    name = "prospects"
    verbose_name = _("Prospects and newsletter")

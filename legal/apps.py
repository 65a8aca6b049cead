from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    """Versioned privacy and cookie policies, and the public legal pages."""

    name = "legal"
    verbose_name = _("Legal")

    def ready(self):
        from legal import signals  # noqa: F401

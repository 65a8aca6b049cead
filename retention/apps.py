from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    """Retention policies and the nightly purge."""

    name = "retention"
    verbose_name = _("Retention")

    def ready(self):
        from perfony.health import register
        from retention.selectors import retention_health

        register("retention", retention_health)

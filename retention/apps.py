from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    """Retention policies and the nightly purge."""

    name = "retention"
    verbose_name = _("Retention")

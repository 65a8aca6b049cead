from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    """Cookie registry, consent banner and append-only proof of consent."""

    name = "consent"
    verbose_name = _("Consent")

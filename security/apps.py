from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """The per-extranet security log: logins, failures, logouts, password and email changes."""

    name = "security"
    verbose_name = _("Security log")

    def ready(self):
        from security import receivers  # noqa: F401  (connects the signal receivers)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Audit trail")

    def ready(self):
        from django.core import checks

        from core import checks as core_checks

        checks.register(core_checks.field_encryption_keys)
        checks.register(core_checks.field_encryption_keys_decrypt, checks.Tags.database)

from django.db import connection, models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin
from django_tenants.utils import (
    get_creation_fakes_migrations,
    get_public_schema_name,
    schema_exists,
)


class Extranet(TenantMixin):
    """One customer company: one schema, one host. The public site is the row with slug 'public'."""

    name = models.CharField(_("company name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=63, unique=True)
    contract_start = models.DateField(_("contract start"), null=True, blank=True)
    contract_end = models.DateField(
        _("contract end"), null=True, blank=True, help_text=_("Empty while the contract runs.")
    )
    legal_hold = models.BooleanField(
        _("legal hold"),
        default=False,
        help_text=_("Blocks erasure and retention purges for this extranet."),
    )
    legal_hold_reason = models.CharField(_("legal hold reason"), max_length=300, blank=True)
    provisioning_ms = models.PositiveIntegerField(
        _("provisioning time (ms)"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    auto_create_schema = True
    auto_drop_schema = True

    class Meta:
        verbose_name = _("extranet")
        verbose_name_plural = _("extranets")
        ordering = ["name"]
        # The survey observatory reads every extranet's answers (aggregated): surveys is a
        # tenant app with no public model, so its permission lives on the extranet registry.
        permissions = [
            ("view_survey_observatory", _("Can view the cross-extranet survey observatory")),
        ]

    def __str__(self):
        return self.name

    @property
    def is_public(self) -> bool:
        return self.schema_name == get_public_schema_name()

    def create_schema(self, check_if_exists=False, sync_schema=True, verbosity=1):
        """Clone the template with tenants.cloning instead of django-tenants' clone_schema().

        Its PL/pgSQL clone scans the whole catalog per table, so it slows down with every
        extranet, and its `migrate_schemas --fake` pass afterwards records nothing the cloned
        django_migrations rows do not already hold (extranet_create migrates the template
        first). Were the template behind, that pass would mark the missing migrations applied
        without running them; without it the new schema stays pending for migrate_schemas.
        """
        from tenants.cloning import schema_clone

        base_schema = self.get_base_schema() if get_creation_fakes_migrations() else None
        if not (sync_schema and base_schema and schema_exists(base_schema)):
            return super().create_schema(check_if_exists, sync_schema, verbosity)
        if check_if_exists and schema_exists(self.schema_name):
            return False
        schema_clone(source=base_schema, target=self.schema_name)
        connection.set_schema_to_public()
        return True


class Domain(DomainMixin):
    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")

    def __str__(self):
        return self.domain

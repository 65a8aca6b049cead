from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.sectors import Sector


class Country(models.TextChoices):
    """Where a customer company is based; phone numbers without a country code are read there."""

    FR = "FR", _("France")
    BE = "BE", _("Belgium")
    NL = "NL", _("Netherlands")
    LU = "LU", _("Luxembourg")
    DE = "DE", _("Germany")
    CH = "CH", _("Switzerland")
    GB = "GB", _("United Kingdom")
    ES = "ES", _("Spain")
    IT = "IT", _("Italy")


class CompanyProfile(models.Model):
    """The company's details, one row per extranet schema. The name lives on tenants.Extranet."""

    postal_address = models.TextField(_("postal address"), max_length=500, blank=True)
    sector = models.CharField(
        _("sector of activity"), max_length=1, choices=Sector.choices, blank=True
    )
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.FR
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("company information")
        verbose_name_plural = _("company information")

    def __str__(self):
        return str(_("Company information"))


class Invitation(models.Model):
    """A one-time link to join this extranet. Only a hash of the token is stored."""

    email = models.EmailField(_("email address"))
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyCountryVisits(models.Model):
    """An aggregate: how many consented page visits came from one country on one day."""

    day = models.DateField(_("day"))
    country = models.CharField(_("country code"), max_length=2, help_text=_("ZZ: unknown"))
    count = models.PositiveIntegerField(_("visits"), default=0)

    class Meta:
        verbose_name = _("daily visits per country")
        verbose_name_plural = _("daily visits per country")
        ordering = ["-day", "-count"]
        constraints = [
            models.UniqueConstraint(fields=["day", "country"], name="stats_day_country_once")
        ]

    def __str__(self):
        return f"{self.day} {self.country}: {self.count}"

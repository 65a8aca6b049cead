import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("consent records are append-only")

    def delete(self):
        raise PermissionError("consent records are append-only; retention deletes them in SQL")


class ConsentRecord(models.Model):
    """Proof of one cookie choice (GDPR Art. 7(1)): what was chosen, when, on which text.

    Append-only: a new choice (or a withdrawal) is a new row with the same consent id. A record
    of a visitor logged in to an extranet is stored in that extranet's schema with the user.
    """

    class Method(models.TextChoices):
        ACCEPT_ALL = "accept_all", _("Accept all")
        REJECT_ALL = "reject_all", _("Reject all")
        CUSTOM = "custom", _("Custom choice")
        CLOSED = "closed", _("Banner closed (refusal)")
        WITHDRAWAL = "withdrawal", _("Withdrawal")

    consent_id = models.UUIDField(_("consent id"), default=uuid.uuid4, db_index=True)
    created_at = models.DateTimeField(_("time"), db_index=True)
    expires_at = models.DateTimeField(_("valid until"), db_index=True)
    choices = models.JSONField(_("choice per category"))
    policy_version = models.CharField(_("cookie policy version"), max_length=40)
    banner_hash = models.CharField(_("hash of the banner text shown"), max_length=64)
    language = models.CharField(_("language of the banner"), max_length=8)
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    gpc = models.BooleanField(_("Global Privacy Control signal"), default=False)
    ip_truncated = models.CharField(_("IP address (truncated)"), max_length=64, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=400, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.consent_id} {self.method} {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("consent records are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("consent records are append-only")

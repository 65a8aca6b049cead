from django.db import models
from django.utils.translation import gettext_lazy as _


class SuppressedEmail(models.Model):
    """People who objected or were erased: never re-added to marketing or partner sharing.

    Only an HMAC of the normalised address is kept, so the list itself holds no address.
    """

    class Reason(models.TextChoices):
        OBJECTION_PROSPECTING = "objection_prospecting", _("objection to commercial prospecting")
        OBJECTION_PARTNERS = "objection_partners", _("objection to sharing with partners")
        ERASURE = "erasure", _("erasure")
        UNSUBSCRIBE = "unsubscribe", _("newsletter unsubscribe")

    email_hmac = models.CharField(_("email HMAC"), max_length=64, db_index=True)
    reason = models.CharField(_("reason"), max_length=40, choices=Reason.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("suppressed email")
        verbose_name_plural = _("suppression list")
        constraints = [
            models.UniqueConstraint(fields=["email_hmac", "reason"], name="suppression_unique"),
        ]

    def __str__(self):
        return f"{self.email_hmac[:12]}… ({self.get_reason_display()})"


class SubjectLegalHold(models.Model):
    """A legal hold on one person: blocks their erasure and their retention purge."""

    email = models.EmailField(_("email"), db_index=True)
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    released_at = models.DateTimeField(_("released"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal hold on a person")
        verbose_name_plural = _("legal holds on persons")

    def __str__(self):
        return f"{self.email}: {self.reason}"

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class PolicyVersion(models.Model):
    """One version of the privacy policy or the cookie policy.

    A version is a draft until `published_at` is set. It is current from `effective_at` (a date,
    Paris time) until a later published version takes effect, so nothing has to run at midnight.
    """

    class Kind(models.TextChoices):
        PRIVACY = "privacy", _("Privacy policy")
        COOKIES = "cookies", _("Cookie policy")

    class Change(models.TextChoices):
        MATERIAL = "material", _("Material (announced 30 working days ahead)")
        MINOR = "minor", _("Minor (wording, no change to what we do)")

    kind = models.CharField(_("policy"), max_length=10, choices=Kind.choices)
    version = models.CharField(
        _("version"), max_length=20, help_text=_("For example 2026.1. Unique per policy.")
    )
    text_nl = models.TextField(_("text (Dutch)"))
    text_fr = models.TextField(_("text (French)"))
    text_en = models.TextField(_("text (English)"))
    change = models.CharField(_("kind of change"), max_length=10, choices=Change.choices)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    effective_at = models.DateField(_("effective from"), db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ["kind", "-effective_at", "-published_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="legal_policy_version_unique")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.version}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def text(self, language: str | None = None) -> str:
        code = (language or get_language() or "en")[:2]
        return getattr(self, f"text_{code}", "") or self.text_en


class PolicyNoticeDelivery(models.Model):
    """Progress of the "our policy changes" emails of one version in one extranet.

    The task sends in batches of users ordered by id and moves `last_user_id` after each batch,
    so a crashed or repeated task resumes where it stopped and never emails a user twice.
    """

    policy = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="deliveries")
    schema_name = models.CharField(max_length=63)
    last_user_id = models.BigIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "schema_name"], name="legal_policy_delivery_unique"
            )
        ]

    def __str__(self):
        return f"{self.policy} → {self.schema_name}: {self.sent}"

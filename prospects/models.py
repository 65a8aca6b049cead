from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import local_minute


class Prospect(models.Model):
    """Someone who contacted us or subscribed; kept 3 years from `last_contact_at`."""

    email = models.EmailField(_("email"), unique=True)  # stored lower-cased
    name = models.CharField(_("name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    company = models.CharField(_("company"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_contact_at = models.DateTimeField(_("last contact"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("prospect")
        verbose_name_plural = _("prospects")
        ordering = ["-last_contact_at"]

    def __str__(self):
        return self.email


class ContactMessage(models.Model):
    prospect = models.ForeignKey(
        Prospect, on_delete=models.CASCADE, related_name="messages", verbose_name=_("prospect")
    )
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.prospect} {local_minute(self.created_at)}"


class OptInProof(models.Model):
    """Proof of one consent: when, the exact text the person ticked, and a truncated IP."""

    class Purpose(models.TextChoices):
        NEWSLETTER = "newsletter", _("newsletter and news")
        PARTNERS = "partners", _("sharing with partners for joint offers")

    prospect = models.ForeignKey(
        Prospect, on_delete=models.CASCADE, related_name="opt_ins", verbose_name=_("prospect")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    text_shown = models.TextField(_("exact text shown"))
    language = models.CharField(_("language"), max_length=8)
    source = models.CharField(_("form"), max_length=40)
    ip_truncated = models.CharField(_("truncated IP"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("given"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("opt-in proof")
        verbose_name_plural = _("opt-in proofs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.prospect} {self.get_purpose_display()}"


class NewsletterSubscription(models.Model):
    """Double opt-in: a subscription counts only once `confirmed_at` is set."""

    prospect = models.OneToOneField(
        Prospect, on_delete=models.CASCADE, related_name="subscription", verbose_name=_("prospect")
    )
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter subscription")
        verbose_name_plural = _("newsletter subscriptions")

    def __str__(self):
        return str(self.prospect)

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class NewsletterIssue(models.Model):
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    queued_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("sending finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


class NewsletterDelivery(models.Model):
    """One row per issue and subscriber: makes sending idempotent and resumable."""

    class Outcome(models.TextChoices):
        SENT = "sent", _("sent")
        SKIPPED = "skipped", _("skipped (suppressed)")

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(
        NewsletterSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscription"], name="delivery_once"),
        ]

    def __str__(self):
        return f"{self.issue_id}/{self.subscription_id} {self.outcome}"


class PartnerExport(models.Model):
    """Log of every export of partner-sharing contacts: who, when, how many."""

    created_at = models.DateTimeField(_("exported at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("exported by"),
    )
    created_by_label = models.CharField(_("exported by"), max_length=150)
    contact_count = models.PositiveIntegerField(_("contacts"))

    class Meta:
        verbose_name = _("partner export")
        verbose_name_plural = _("partner exports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{local_minute(self.created_at)} {self.created_by_label} ({self.contact_count})"


class UsedCaptchaNonce(models.Model):
    """A captcha burnt while Redis was down: the single-use check falls back to this table.

    Rows older than a captcha's lifetime are deleted by the next fallback check.
    """

    nonce = models.CharField(_("nonce"), max_length=64, unique=True)
    used_at = models.DateTimeField(_("used"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("used captcha")
        verbose_name_plural = _("used captchas")

    def __str__(self):
        return self.nonce[:8]

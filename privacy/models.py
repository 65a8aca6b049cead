import datetime
import uuid

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import local_minute
from core.storage import private_storage


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
        # No address here: the string ends up in the staff admin log.
        return f"#{self.pk}"


class SubjectRequest(models.Model):
    """A data-subject request (GDPR Art. 15-21) or a question to the DPO, from anyone.

    Kept in public because the requester may be a visitor, or have accounts in several extranets.
    """

    class Type(models.TextChoices):
        ACCESS = "access", _("access to my data")
        PORTABILITY = "portability", _("a portable copy of my data")
        RECTIFICATION = "rectification", _("rectification of my data")
        ERASURE = "erasure", _("erasure of my data")
        OBJECTION_PROSPECTING = "objection_prospecting", _("objection to commercial prospecting")
        OBJECTION_PARTNERS = "objection_partners", _("objection to sharing with partners")
        WITHDRAW_CONSENT = "withdraw_consent", _("withdrawal of a consent")
        QUESTION = "question", _("a question to the DPO")

    class Consent(models.TextChoices):
        NEWSLETTER = "newsletter", _("newsletter")
        PARTNERS = "partners", _("sharing with partners")
        PREFERENCES = "preferences", _("cookies: preferences")
        AUDIENCE = "audience", _("cookies: audience measurement")
        ANALYTICS = "analytics", _("cookies: analytics")
        ADVERTISING = "advertising", _("cookies: advertising")

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("awaiting identity check")
        VERIFIED = "verified", _("to review")
        APPROVED = "approved", _("approved")
        PROCESSING = "processing", _("processing")
        COMPLETED = "completed", _("completed")
        REJECTED = "rejected", _("refused")
        # The identity link was never followed within UNVERIFIED_LIFETIME: closed, then purged.
        EXPIRED = "expired", _("expired (identity never checked)")
        # The export or erasure task failed: staff see why and retry; the deadline still runs.
        ERROR = "error", _("failed, to retry")
        CANCELLED = "cancelled", _("cancelled by the requester")

    OPEN_STATUSES = (
        Status.UNVERIFIED,
        Status.VERIFIED,
        Status.APPROVED,
        Status.PROCESSING,
        Status.ERROR,
    )
    # What the requester may still cancel: not while the work runs, nor once it is done.
    CANCELLABLE_STATUSES = (Status.UNVERIFIED, Status.VERIFIED, Status.APPROVED, Status.ERROR)
    UNVERIFIED_LIFETIME = datetime.timedelta(days=14)

    type = models.CharField(_("type"), max_length=30, choices=Type.choices)
    consent = models.CharField(
        _("consent withdrawn"), max_length=20, choices=Consent.choices, blank=True
    )
    email = models.EmailField(_("email"), db_index=True)
    details = models.TextField(_("details"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNVERIFIED
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    verified_at = models.DateTimeField(_("identity verified"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    extended_due_date = models.DateField(_("extended due date"), null=True, blank=True)
    extension_reason = models.TextField(_("extension reason"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    refusal_reason = models.TextField(_("refusal reason"), blank=True)
    blocked_reason = models.TextField(_("blocked because"), blank=True)
    error_reason = models.TextField(_("failed because"), blank=True)
    outcome = models.JSONField(_("outcome"), default=dict, blank=True)
    # Set when filed from an extranet's /my-data/: the request is about that account only.
    extranet_schema = models.CharField(_("extranet schema"), max_length=63, blank=True)
    user_id = models.BigIntegerField(_("user id in that extranet"), null=True, blank=True)
    # Whether the owner proved the address (a link sent to it). An extranet request with an
    # unproved address covers that account only, never the address elsewhere (subjects.py).
    email_verified = models.BooleanField(_("email address verified"), default=False)
    # The extranets whose data the request covers (its places once the address is proven):
    # their admins are told, and see the request on their "Privacy requests" page.
    extranet_schemas = ArrayField(
        models.CharField(max_length=63),
        verbose_name=_("extranets concerned"),
        default=list,
        blank=True,
    )

    class Meta:
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")
        ordering = ["-received_at"]
        permissions = [
            ("process_subjectrequest", _("Can verify, approve, refuse, extend and execute")),
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_type_display()}"

    @property
    def effective_due_date(self):
        return self.extended_due_date or self.due_date

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_cancellable(self) -> bool:
        return self.status in self.CANCELLABLE_STATUSES


class AppendOnly(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("the request trail is append-only")

    def delete(self):
        raise PermissionError("the request trail is append-only")


class RequestEvent(models.Model):
    """One step of a request: who did what, when. Never changed, never deleted by the app."""

    request = models.ForeignKey(
        SubjectRequest, on_delete=models.PROTECT, related_name="events", verbose_name=_("request")
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)
    actor = models.CharField(_("who"), max_length=150)
    action = models.CharField(_("what"), max_length=40)
    note = models.TextField(_("note"), blank=True)

    objects = AppendOnly.as_manager()

    class Meta:
        verbose_name = _("request event")
        verbose_name_plural = _("request trail")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{local_minute(self.at)} {self.actor}: {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("the request trail is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("the request trail is append-only")


def _export_path(instance, filename):
    return f"privacy/exports/{uuid.uuid4().hex}.zip"


class DataExport(models.Model):
    """A ZIP of everything about a subject; downloadable by them only, for 7 days."""

    LIFETIME_DAYS = 7

    request = models.ForeignKey(
        SubjectRequest, on_delete=models.CASCADE, related_name="exports", verbose_name=_("request")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), db_index=True)
    # Private storage (outside MEDIA_ROOT, no URL): only the download views, after their checks.
    file = models.FileField(
        _("file"), upload_to=_export_path, max_length=200, storage=private_storage
    )
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"export #{self.pk} of request #{self.request_id}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

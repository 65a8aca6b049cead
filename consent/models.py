import hashlib
import json
import uuid
from datetime import UTC

from django.conf import settings
from django.db import connection, models, transaction
from django.utils.translation import gettext_lazy as _

from core.dates import local_minute


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

    # The hash chain of the schema: each record stores the hash of the one before it and its
    # own, so a changed, removed or inserted record shows (`manage.py consent_chain_verify`).
    prev_hash = models.CharField(_("hash of the previous record"), max_length=64, blank=True)
    record_hash = models.CharField(_("hash of this record"), max_length=64, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-created_at", "-id"]
        permissions = [("view_consent_analytics", _("Can view consent analytics"))]

    def __str__(self):
        return f"{self.consent_id} {self.method} {local_minute(self.created_at)}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("consent records are append-only")
        with transaction.atomic():
            # One appender per schema at a time, until the transaction ends: the previous hash
            # read here is the last committed one, so two concurrent choices cannot fork.
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.consent_chain'))"
                )
            last = ConsentRecord.objects.order_by("-id").values_list("record_hash", flat=True)
            self.prev_hash = last.first() or ""
            self.record_hash = self.content_hash()
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("consent records are append-only")

    @property
    def policy_version_label(self) -> str:
        """The cookie policy version people know ("2026.1"), without the registry fingerprint
        that only tells the software when to ask again."""
        return self.policy_version.split("+", 1)[0]

    def choices_labelled(self) -> list[tuple[str, bool]]:
        """(category name, chosen) in the order of the banner; an unknown key keeps its key."""
        from consent import cookies

        known = [
            (c.label, bool(self.choices[c.key]))
            for c in cookies.CATEGORIES
            if c.key in self.choices
        ]
        known_keys = {c.key for c in cookies.CATEGORIES}
        return known + [(k, bool(v)) for k, v in self.choices.items() if k not in known_keys]

    def content_hash(self) -> str:
        """SHA-256 of what the record proves, and of the hash before it."""
        return chain_hash(proof_fields(self), prev_hash=self.prev_hash)


def chain_hash(fields: dict, *, prev_hash: str) -> str:
    canonical = json.dumps(
        {**fields, "prev_hash": prev_hash}, sort_keys=True, separators=(",", ":"), default=str
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def proof_fields(record) -> dict:
    """The hashed content of a record (any object with its attributes, migrations included)."""
    return {
        "consent_id": str(record.consent_id),
        "created_at": record.created_at.astimezone(UTC).isoformat(),
        "expires_at": record.expires_at.astimezone(UTC).isoformat(),
        "choices": record.choices,
        "policy_version": record.policy_version,
        "banner_hash": record.banner_hash,
        "language": record.language,
        "method": record.method,
        "gpc": record.gpc,
        "ip_truncated": record.ip_truncated,
        "user_agent": record.user_agent,
        "user_id": record.user_id,
    }

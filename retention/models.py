"""The run log and the traces a tenant drop leaves behind. All in the public schema."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    OK = "ok", _("succeeded")
    FAILED = "failed", _("failed")
    SKIPPED = "skipped", _("skipped")
    INTERRUPTED = "interrupted", _("interrupted")
    # A run with any schema skipped, failed or interrupted: not a complete purge (issue 18).
    INCOMPLETE = "incomplete", _("incomplete")


class RetentionRun(models.Model):
    """One pass over every schema (nightly beat) or over some (the command)."""

    class Trigger(models.TextChoices):
        BEAT = "beat", _("nightly schedule")
        COMMAND = "command", _("command")

    trigger = models.CharField(_("trigger"), max_length=20, choices=Trigger.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    started_at = models.DateTimeField(_("started"), db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.get_status_display()}"


class RetentionSchemaRun(models.Model):
    """The part of a run done in one schema, under that schema's advisory lock."""

    run = models.ForeignKey(RetentionRun, on_delete=models.CASCADE, related_name="schema_runs")
    schema_name = models.CharField(_("schema"), max_length=63)
    status = models.CharField(
        _("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    duration_ms = models.IntegerField(_("duration (ms)"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    class Meta:
        verbose_name = _("schema run")
        verbose_name_plural = _("schema runs")
        ordering = ["schema_name"]
        constraints = [
            models.UniqueConstraint(fields=["run", "schema_name"], name="retention_schema_run_once")
        ]

    def __str__(self):
        return f"{self.schema_name}: {self.get_status_display()}"


class RetentionPolicyRun(models.Model):
    """What one policy did in one schema during one run."""

    run = models.ForeignKey(RetentionRun, on_delete=models.CASCADE, related_name="policy_runs")
    schema_name = models.CharField(_("schema"), max_length=63)
    policy_key = models.CharField(_("policy"), max_length=60)
    status = models.CharField(_("status"), max_length=20, choices=RunStatus.choices)
    rows = models.BigIntegerField(_("rows purged"), default=0)
    batches = models.IntegerField(_("batches"), default=0)
    duration_ms = models.IntegerField(_("duration (ms)"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("policy run")
        verbose_name_plural = _("policy runs")
        ordering = ["schema_name", "policy_key"]
        constraints = [
            # A redelivered pass rewrites its rows instead of adding a second set.
            models.UniqueConstraint(
                fields=["run", "schema_name", "policy_key"], name="retention_policy_run_once"
            )
        ]

    def __str__(self):
        return f"{self.schema_name}/{self.policy_key}: {self.rows}"


class ArchivedExtranet(models.Model):
    """The minimal trace of a dropped extranet: that the customer existed, and when it went."""

    extranet_id = models.BigIntegerField(_("former extranet id"), unique=True)
    name = models.CharField(_("company name"), max_length=200)
    slug = models.CharField(_("slug"), max_length=63)
    schema_name = models.CharField(_("schema"), max_length=63)
    contract_start = models.DateField(_("contract start"), null=True, blank=True)
    contract_end = models.DateField(_("contract end"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"))
    # Set once the files are gone too; a drop interrupted after the schema went is finished
    # by the next run because this is still empty.
    files_removed_at = models.DateTimeField(_("files removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("archived extranet")
        verbose_name_plural = _("archived extranets")
        ordering = ["-deleted_at"]

    def __str__(self):
        return self.name


class DropWarning(models.Model):
    """A warning email sent to staff before an extranet is dropped. Sent once per threshold."""

    extranet_id = models.BigIntegerField(_("extranet id"))
    extranet_name = models.CharField(_("company name"), max_length=200)
    days_before = models.PositiveSmallIntegerField(_("days before"))
    drop_date = models.DateField(_("planned deletion"))
    sent_at = models.DateTimeField(_("sent"))
    recipient = models.CharField(_("recipient"), max_length=254)

    class Meta:
        verbose_name = _("deletion warning")
        verbose_name_plural = _("deletion warnings")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["extranet_id", "days_before"], name="retention_warning_once"
            )
        ]

    def __str__(self):
        return f"{self.extranet_name}: {self.days_before}"

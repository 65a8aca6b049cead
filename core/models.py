from django.db import models
from django.utils.translation import gettext_lazy as _

from core.dates import local_minute


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("audit rows are append-only")

    def delete(self):
        raise PermissionError("audit rows are append-only; retention deletes them in SQL")


class AuditEvent(models.Model):
    """Who did what, when, to which record. One table per schema.

    Values of personal fields are never copied here, only field names, so the trail itself
    does not become a second copy of the data. Erasure redacts `actor_label`.
    """

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor_label = models.CharField(_("actor"), max_length=200)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{local_minute(self.at)} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("audit rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit rows are append-only")


# --- Work that is never lost (issue 18) ------------------------------------------------------
class OutboxMessage(models.Model):
    """A Celery task to send, written in the same transaction as the state change it serves.

    Kept in the public schema only (core.outbox writes and relays there), whatever schema queued
    it: the task carries that schema and its extranet id, so it runs there or nowhere.
    """

    task_name = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    kwargs = models.JSONField(_("keyword arguments"), default=dict, blank=True)
    schema_name = models.CharField(_("schema"), max_length=63, default="public")
    extranet_id = models.BigIntegerField(_("extranet id"), null=True, blank=True)
    # Non-empty: at most one message with this key, so a repeated click queues nothing new.
    key = models.CharField(_("idempotency key"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    available_at = models.DateTimeField(_("not before"), db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=~models.Q(key=""), name="core_outbox_key_once"
            )
        ]

    def __str__(self):
        return f"#{self.pk} {self.task_name}"


class OnceKey(models.Model):
    """A job that must happen once per key (a beat job's day): the first claim wins."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    claimed_at = models.DateTimeField(_("claimed"), auto_now_add=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")

    def __str__(self):
        return self.key

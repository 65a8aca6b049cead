import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.storage import private_storage


def cv_path(instance, filename) -> str:
    # The visitor's file name is not kept: it is often their full name.
    return f"careers/cv/{uuid.uuid4().hex}.pdf"


class JobOpening(models.Model):
    title = models.CharField(_("title"), max_length=200)
    location = models.CharField(_("location"), max_length=200, blank=True)
    description = models.TextField(_("description"))
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("job opening")
        verbose_name_plural = _("job openings")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class Application(models.Model):
    """Kept 2 years from `created_at`; if hired, until `employment_end` plus 3 years."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        REJECTED = "rejected", _("rejected")
        HIRED = "hired", _("hired")

    opening = models.ForeignKey(
        JobOpening,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("job opening"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), db_index=True)
    phone = models.CharField(_("phone"), max_length=40)
    cv = models.FileField(_("CV (PDF)"), upload_to=cv_path, storage=private_storage)
    cover_letter = models.TextField(_("cover letter"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPLIED
    )
    employment_start = models.DateField(_("employment start"), null=True, blank=True)
    employment_end = models.DateField(_("employment end"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"

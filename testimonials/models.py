import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.storage import private_storage


def logo_path(instance, filename) -> str:
    return f"testimonials/logos/{uuid.uuid4().hex}"


class Testimonial(models.Model):
    client_name = models.CharField(_("client name"), max_length=200)
    client_function = models.CharField(_("function"), max_length=200, blank=True)
    company = models.CharField(_("company"), max_length=200)
    client_email = models.EmailField(
        _("client email"), help_text=_("The consent request is sent to this address.")
    )
    quote = models.TextField(_("quote"))
    # Private storage: the logo is served by a view that checks the consent first.
    logo = models.ImageField(_("logo"), upload_to=logo_path, storage=private_storage, blank=True)
    language = models.CharField(_("language of the emails"), max_length=8, default="en")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    consent_requested_at = models.DateTimeField(_("consent requested"), null=True, blank=True)

    class Meta:
        verbose_name = _("testimonial")
        verbose_name_plural = _("testimonials")
        ordering = ["company"]

    def __str__(self):
        return f"{self.company}: {self.client_name}"


class TestimonialConsent(models.Model):
    """What the client agreed to show, who agreed and when; revoking unpublishes at once."""

    testimonial = models.ForeignKey(
        Testimonial,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("testimonial"),
    )
    signer_name = models.CharField(_("given by"), max_length=200)
    email = models.EmailField(_("sent to"))
    show_name = models.BooleanField(_("name"), default=False)
    show_function = models.BooleanField(_("function"), default=False)
    show_logo = models.BooleanField(_("logo"), default=False)
    show_quote = models.BooleanField(_("quote"), default=False)
    ip_truncated = models.CharField(_("truncated IP"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("given"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("testimonial consent")
        verbose_name_plural = _("testimonial consents")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.testimonial} {self.created_at:%Y-%m-%d}"

    @property
    def scope(self) -> list[str]:
        return [f for f in ("name", "function", "logo", "quote") if getattr(self, f"show_{f}")]

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.dates import local_minute


class SecurityEvent(models.Model):
    """One security-relevant event in this extranet. Append-only; retention deletes old rows."""

    class Kind(models.TextChoices):
        # A context of its own: allauth translates a bare "Login" as its field (fr "Identifiant").
        LOGIN = "login", pgettext_lazy("security event", "Login")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOGIN_THROTTLED = "login_throttled", _("Login refused: too many failures")
        LOGOUT = "logout", _("Logout")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        EMAIL_CHANGED = "email_changed", _("Email address changed")
        NEW_BROWSER = "new_browser", _("Login from a new browser")

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="security_events",
    )
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    # What was typed as login is never stored: people type their password there by mistake.
    # A failure names the account it matched (user), or no account at all.

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{local_minute(self.created_at)} {self.kind}"


class KnownBrowser(models.Model):
    """A browser a user has logged in from, by a hash of its `pf_bid` cookie."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="known_browsers"
    )
    browser_hash = models.CharField(max_length=64)
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "browser_hash"], name="security_browser_once")
        ]

    def __str__(self):
        return f"{self.user_id}:{self.browser_hash[:8]}"

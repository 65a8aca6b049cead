import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import connection, models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedTextField
from core.sectors import Sector


def avatar_upload_to(instance, filename: str) -> str:
    """Under the schema's own folder, with a random name: never guessable, never shared."""
    return f"tenants/{connection.schema_name}/avatars/{secrets.token_urlsafe(18)}.webp"


class User(AbstractUser):
    """A user of one schema: an extranet member in a tenant schema, a staff member in public.

    Usernames and emails are unique per schema, so "alice" can exist in two extranets as two
    unrelated people with two passwords.

    The profile lives on the user row rather than in a separate profile model: it is one row per
    person in the same schema, so export and erasure treat it in one place. Direct identifiers
    other than the login fields (username, email) are encrypted at rest.
    """

    first_name = EncryptedTextField(_("first name"), max_length=150, blank=True)
    last_name = EncryptedTextField(_("last name"), max_length=150, blank=True)
    email = models.EmailField(_("email address"))
    is_extranet_admin = models.BooleanField(
        _("extranet admin"),
        default=False,
        help_text=_("Manages the members and company information of this extranet."),
    )
    phone = EncryptedTextField(_("phone"), max_length=32, blank=True)
    postal_address = EncryptedTextField(_("postal address"), max_length=500, blank=True)
    position = EncryptedTextField(_("position"), max_length=150, blank=True)
    function = EncryptedTextField(_("function"), max_length=150, blank=True)
    sector = models.CharField(
        _("sector of activity"), max_length=1, choices=Sector.choices, blank=True
    )
    avatar = models.FileField(_("avatar"), upload_to=avatar_upload_to, blank=True, max_length=200)
    # SHA-256 of the nonce of the one pending email-change link: a new request replaces it and
    # confirming clears it, so each link works once (extranet/services.py email_change_*).
    email_change_nonce_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    ERASED_PREFIX = "former-user-"

    def __str__(self):
        if self.is_erased:
            return str(_("Former user"))
        return self.get_full_name() or self.username

    @property
    def is_erased(self) -> bool:
        """Erasure anonymises the row (see accounts/privacy.py) rather than deleting it."""
        return self.username.startswith(self.ERASED_PREFIX)

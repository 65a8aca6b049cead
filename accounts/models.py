from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A user of one schema: an extranet member in a tenant schema, a staff member in public.

    Usernames and emails are unique per schema, so "alice" can exist in two extranets as two
    unrelated people with two passwords.
    """

    email = models.EmailField(_("email address"))
    is_extranet_admin = models.BooleanField(
        _("extranet admin"),
        default=False,
        help_text=_("Manages the members and company information of this extranet."),
    )

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

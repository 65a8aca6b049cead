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

    def __str__(self):
        return self.get_full_name() or self.username

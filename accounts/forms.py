"""Staff user admin forms: the username rules of accounts/usernames.py apply to staff too."""

from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.usernames import username_normalise, username_validate


class _SafeUsernameMixin:
    def clean_username(self):
        username = username_normalise(self.cleaned_data["username"])
        username_validate(username)
        others = User.objects.filter(username__iexact=username)
        if self.instance.pk is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(_("A user with that username already exists."), code="unique")
        return username


class StaffUserCreationForm(_SafeUsernameMixin, AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User


class StaffUserChangeForm(_SafeUsernameMixin, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User

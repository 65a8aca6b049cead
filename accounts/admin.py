from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.forms import StaffUserChangeForm, StaffUserCreationForm
from accounts.models import User


@admin.register(User)
class StaffUserAdmin(DjangoUserAdmin):
    """Staff accounts of the public schema. Extranet members are managed inside each extranet."""

    form = StaffUserChangeForm
    add_form = StaffUserCreationForm

    list_display = ["username", "email", "is_staff", "is_superuser"]
    ordering = ["username"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["username", "email"]  # names are encrypted at rest, so not searchable
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )

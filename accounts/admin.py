from allauth.account import admin as allauth_admin  # registers allauth's admins first
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class StaffUserAdmin(DjangoUserAdmin):
    """Staff accounts of the public schema. Extranet members are managed inside each extranet."""

    list_display = ["username", "email", "is_staff", "is_superuser"]
    ordering = ["username"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["username", "email"]  # names are encrypted at rest, so not searchable
    # An address counts only once its owner proved it: staff cannot type one in here.
    readonly_fields = ["email"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )


# allauth's own admin lets staff add an address as verified or mark one verified by hand.
admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class EmailAddressAdmin(allauth_admin.EmailAddressAdmin):
    actions = []
    readonly_fields = ["user", "email", "verified", "primary"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

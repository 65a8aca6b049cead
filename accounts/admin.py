from allauth.account import admin as allauth_admin  # registers allauth's admins first
from allauth.account.decorators import reauthentication_required
from allauth.account.models import EmailAddress
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.forms import StaffUserChangeForm, StaffUserCreationForm
from accounts.models import User
from accounts.services import staff_sessions_end


@admin.register(User)
class StaffUserAdmin(DjangoUserAdmin):
    """Staff accounts of the public schema. Extranet members are managed inside each extranet."""

    form = StaffUserChangeForm
    add_form = StaffUserCreationForm

    list_display = ["username", "email", "is_staff", "is_superuser"]
    ordering = ["username"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["username", "email"]  # names are encrypted at rest, so not searchable
    actions = ["end_sessions"]
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

    # Saving a staff account (its email, password, permissions) needs a recent password or second
    # factor: allauth suspends the POST, asks again, then replays it.
    @method_decorator(reauthentication_required(allow_get=True))
    def change_view(self, request, object_id, form_url="", extra_context=None):
        return super().change_view(request, object_id, form_url, extra_context)

    @method_decorator(reauthentication_required(allow_get=True))
    def user_change_password(self, request, id, form_url=""):
        return super().user_change_password(request, id, form_url)

    def has_end_sessions_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    @admin.action(
        description=_("End their sessions (log them out everywhere)"), permissions=["end_sessions"]
    )
    def end_sessions(self, request, queryset):
        ended = sum(
            staff_sessions_end(
                actor=request.user, user=user, keep_session_key=request.session.session_key
            )
            for user in queryset
        )
        message = ngettext("%(count)d session ended.", "%(count)d sessions ended.", ended) % {
            "count": ended
        }
        self.message_user(request, message, messages.SUCCESS)


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

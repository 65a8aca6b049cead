from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed logins for this account or from your network. For your security, "
            "logging in is paused: try again in 5 minutes, or reset your password."
        ),
    }

    def is_open_for_signup(self, request):
        # Extranet accounts are created by provisioning or by an admin's invitation only.
        return False

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            from security.services import login_throttled_record

            login = str(credentials.get("username") or credentials.get("email") or "")
            login_throttled_record(request=request, login=login)
            raise

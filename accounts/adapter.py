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

    def _get_login_attempts_cache_key(self, request, **credentials):
        # Count failures per account, whether the attacker types the username or the email.
        from security.selectors import user_for_login

        login = str(credentials.get("email") or credentials.get("username") or "")
        user = user_for_login(login=login)
        return f"{request.get_host()}:{f'user:{user.pk}' if user else login.lower()}"

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            from security.services import login_throttled_record

            login = str(credentials.get("username") or credentials.get("email") or "")
            login_throttled_record(request=request, login=login)
            raise

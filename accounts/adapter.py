from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.ratelimit import get_ip
from allauth.mfa.adapter import DefaultMFAAdapter
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import get_public_schema_name

from core import crypto
from core.text import email_subject


def _on_public_schema() -> bool:
    return connection.schema_name == get_public_schema_name()


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
        # Failures count per (account, client IP), whether the attacker types the username or
        # the email: a stranger's failures from their own addresses never lock the real user
        # out of theirs. The per-IP rate of ACCOUNT_RATE_LIMITS limits each address on its own.
        from security.selectors import user_for_login

        login = str(credentials.get("email") or credentials.get("username") or "")
        user = user_for_login(login=login)
        account = f"user:{user.pk}" if user else login.lower()
        return f"{request.get_host()}:{account}:ip:{get_ip(request)}"

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            from security.http import request_client
            from security.services import login_throttled_record

            login = str(credentials.get("username") or credentials.get("email") or "")
            login_throttled_record(login=login, **request_client(request))
            raise

    def format_email_subject(self, subject: str) -> str:
        # allauth would prefix the site's domain ("[acme.iperfony.com:8000]"); people know the
        # company's name.
        tenant = getattr(self.request, "tenant", None)
        name = tenant.name if tenant is not None and not tenant.is_public else "Perfony"
        return email_subject(f"[{name}] {subject}")

    def get_login_redirect_url(self, request):
        # Staff log in on the public host to work in the back office, not on the public site.
        if _on_public_schema() and request.user.is_staff:
            return reverse("admin:index")
        return super().get_login_redirect_url(request)

    def get_login_stages(self):
        # allauth.mfa is for staff (public schema only): extranet logins skip its stages.
        stages = super().get_login_stages()
        if _on_public_schema():
            return stages
        return [stage for stage in stages if not stage.startswith("allauth.mfa.")]


class MFAAdapter(DefaultMFAAdapter):
    """Staff second factors: secrets encrypted at rest with the field keys (core.crypto)."""

    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text, label="an MFA secret")

    def is_mfa_enabled(self, user, types=None) -> bool:
        # Extranet schemas have no authenticator table of their own, and their search path
        # ends with public: a query there would find the staff member of the same user id.
        if not _on_public_schema():
            return False
        return super().is_mfa_enabled(user, types=types)

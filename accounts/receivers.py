"""Signal receivers: each one only forwards to accounts.services (or, for the session, to the
staff-session middleware's clocks)."""

from allauth.account import signals as allauth_signals
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver

from accounts.middleware import staff_session_start
from accounts.services import email_address_prove


@receiver(auth_signals.user_logged_in, dispatch_uid="accounts_staff_session_start")
def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        staff_session_start(session=request.session)


@receiver(allauth_signals.password_reset, dispatch_uid="accounts_password_reset_proves_email")
def on_password_reset(sender, request, user, **kwargs):
    # The reset (or first password setup) link was emailed to the account's only address and
    # is one-time: following it proves the owner holds that mailbox.
    email_address_prove(user=user)

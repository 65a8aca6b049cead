"""Signal receivers: each one only forwards to accounts.services."""

from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver

from accounts.services import staff_session_start


@receiver(auth_signals.user_logged_in, dispatch_uid="accounts_staff_session_start")
def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        staff_session_start(session=request.session)

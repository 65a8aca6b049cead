"""Signal receivers: each one only forwards to security.services."""

from allauth.account import signals as allauth_signals
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver

from security.models import SecurityEvent
from security.selectors import user_for_login
from security.services import login_record, security_event_record

Kind = SecurityEvent.Kind


@receiver(auth_signals.user_logged_in, dispatch_uid="security_login")
def on_login(sender, request, user, **kwargs):
    if request is not None:
        login_record(request=request, user=user)


@receiver(auth_signals.user_logged_out, dispatch_uid="security_logout")
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        security_event_record(kind=Kind.LOGOUT, request=request, user=user)


@receiver(auth_signals.user_login_failed, dispatch_uid="security_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    login = str(credentials.get("username") or credentials.get("email") or "")
    # The typed login only finds the account: it may be a password typed in the wrong box.
    user = user_for_login(login=login)
    security_event_record(kind=Kind.LOGIN_FAILED, request=request, user=user)


@receiver(allauth_signals.password_changed, dispatch_uid="security_password_changed")
@receiver(allauth_signals.password_reset, dispatch_uid="security_password_reset")
def on_password_changed(sender, request, user, **kwargs):
    security_event_record(kind=Kind.PASSWORD_CHANGED, request=request, user=user)


@receiver(allauth_signals.email_changed, dispatch_uid="security_email_changed")
def on_email_changed(sender, request, user, **kwargs):
    security_event_record(kind=Kind.EMAIL_CHANGED, request=request, user=user)

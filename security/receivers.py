"""Signal receivers: each one reads the request and forwards plain values to security.services."""

from allauth.account import signals as allauth_signals
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver

from security.http import request_browser, request_client
from security.models import SecurityEvent
from security.selectors import user_for_login
from security.services import login_record, security_event_record

Kind = SecurityEvent.Kind


@receiver(auth_signals.user_logged_in, dispatch_uid="security_login")
def on_login(sender, request, user, **kwargs):
    if request is None:
        return
    browser_id = login_record(user=user, **request_client(request), **request_browser(request))
    if browser_id:
        request.pf_bid_to_set = browser_id  # BrowserIdMiddleware sets the cookie


@receiver(auth_signals.user_logged_out, dispatch_uid="security_logout")
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        security_event_record(kind=Kind.LOGOUT, user=user, **request_client(request))


@receiver(auth_signals.user_login_failed, dispatch_uid="security_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    login = str(credentials.get("username") or credentials.get("email") or "")
    # The typed login only finds the account: it may be a password typed in the wrong box.
    user = user_for_login(login=login)
    security_event_record(kind=Kind.LOGIN_FAILED, user=user, **request_client(request))


@receiver(allauth_signals.password_changed, dispatch_uid="security_password_changed")
@receiver(allauth_signals.password_reset, dispatch_uid="security_password_reset")
def on_password_changed(sender, request, user, **kwargs):
    security_event_record(kind=Kind.PASSWORD_CHANGED, user=user, **request_client(request))


@receiver(allauth_signals.email_changed, dispatch_uid="security_email_changed")
def on_email_changed(sender, request, user, **kwargs):
    security_event_record(kind=Kind.EMAIL_CHANGED, user=user, **request_client(request))

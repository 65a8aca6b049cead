"""The public home page, and the one view of every public form (contact, newsletter,
referral, job applications): honeypot, rate limit per IP, captcha, then the app's service."""

from collections.abc import Callable

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.forms import ProtectedForm
from core.http import client_ip
from core.ratelimit import rate_limit_exceeded

IP_LIMIT = 5  # submissions per IP and form
IP_WINDOW = 10 * 60


def public_home(request):
    return render(request, "public/home.html")


def _limited(request, scope: str) -> bool:
    return rate_limit_exceeded(
        scope=scope, value=client_ip(request), limit=IP_LIMIT, window_seconds=IP_WINDOW
    )


def protected_form_view(
    request,
    *,
    form_class: type[ProtectedForm],
    template: str,
    scope: str,
    on_valid: Callable[[ProtectedForm], tuple[str, int] | None],
    done: str,
    context: dict | None = None,
):
    """GET shows the form; POST checks honeypot, rate limit and captcha, then calls on_valid.

    on_valid returns None on success, or (message shown above the form, HTTP status).
    """
    context = context or {}
    if request.method != "POST":
        return render(request, template, {**context, "form": form_class()})
    form = form_class(request.POST, request.FILES)
    if form.is_spam:
        return redirect(done)  # looks like success to the bot; nothing was stored or sent
    status = 200
    if _limited(request, scope):
        form.is_valid()
        form.add_error(None, _("Too many attempts from your connection. Please try again later."))
        status = 429
    elif form.is_valid():
        refusal = on_valid(form)
        if refusal is None:
            return redirect(done)
        form.add_error(None, refusal[0])
        status = refusal[1]
    else:
        status = 400
    form.captcha_refresh()
    return render(request, template, {**context, "form": form}, status=status)

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from consent.inputs import ConsentInputError, consent_input_parse
from consent.receipts import consent_receipt
from consent.selectors import (
    consent_record_current,
    consent_record_list,
    consent_state,
    consent_version,
    gpc_signal,
    refused_cookie_names,
)
from consent.services import consent_record
from consent.templatetags.consent_tags import panel_context
from consent.web import consent_cookies_apply, consent_state_remember
from core.http import client_ip


def _wants_json(request) -> bool:
    return request.content_type == "application/json" or "application/json" in request.headers.get(
        "Accept", ""
    )


def _bad_request(request, message: str) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"error": message}, status=400)
    context = {"message": message, "hide_consent_banner": True}
    return render(request, "consent/error.html", context, status=400)


def _redirect_target(request, next_url: str) -> str:
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return "/"


@require_POST
def consent_submit(request):
    try:
        data = consent_input_parse(request=request)
    except ConsentInputError as exc:
        return _bad_request(request, str(exc))
    user = getattr(request, "user", None)
    outcome = consent_record(
        data=data,
        previous=consent_state(request=request),
        version=consent_version(request=request),
        gpc=gpc_signal(request=request),
        ip=client_ip(request),
        user_agent=request.headers.get("User-Agent", ""),
        language=translation.get_language() or "",
        user=user if user is not None and user.is_authenticated else None,
    )
    consent_state_remember(request=request, state=outcome.state)
    if data.is_json:
        response = JsonResponse(
            {
                "consent_id": str(outcome.record.consent_id),
                "consented": outcome.state.consented,
                "withdrawn": outcome.withdrawn,
                # Scripts may have set these on a parent domain, which only the page can reach.
                "expired": refused_cookie_names(cookie_names=request.COOKIES, state=outcome.state),
                "expires_at": outcome.record.expires_at.isoformat(),
            }
        )
    else:
        response = HttpResponseRedirect(_redirect_target(request, data.next_url))
        response.status_code = 303  # the browser follows with a GET
        messages.success(request, _("Your cookie choices have been saved."))
    consent_cookies_apply(request=request, response=response, state=outcome.state)
    return response


@require_GET
def consent_settings(request):
    context = panel_context(request)
    context["next"] = _redirect_target(request, request.GET.get("next", ""))
    context["hide_consent_banner"] = True
    return render(request, "consent/settings.html", context)


@require_GET
def consent_receipt_download(request):
    """The receipt of this browser's current choice, as a JSON-LD file."""
    record = consent_record_current(request=request)
    if record is None:
        message = _("There is no current cookie choice in this browser to give a receipt for.")
        context = {"message": message, "hide_consent_banner": True}
        return render(request, "consent/error.html", context, status=404)
    response = JsonResponse(
        consent_receipt(record=record), json_dumps_params={"indent": 2, "ensure_ascii": False}
    )
    response["Content-Type"] = "application/ld+json"
    response["Content-Disposition"] = (
        f'attachment; filename="consent-receipt-{record.consent_id}.json"'
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def consent_records(request):
    """An extranet admin sees the records of their own extranet (this schema only)."""
    if not request.user.is_extranet_admin:
        raise PermissionDenied
    consent_id, error = request.GET.get("consent_id", "").strip(), ""
    if consent_id:
        try:
            uuid.UUID(consent_id)
        except ValueError:
            consent_id, error = "", _("A consent id looks like 3f2b…-…; check what you typed.")
    records = consent_record_list(consent_id=consent_id or None)[:200]
    context = {"records": records, "consent_id": request.GET.get("consent_id", ""), "error": error}
    return render(request, "consent/records.html", context)

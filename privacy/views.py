from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import http
from extranet.decorators import extranet_admin_required
from privacy import selectors, services
from privacy.forms import MY_DATA_RIGHTS, PUBLIC_RIGHTS, DpoForm, MyDataRequestForm
from privacy.models import SubjectRequest
from privacy.tokens import download_token_read


@require_http_methods(["GET", "POST"])
def dpo(request):
    # A right chosen in the list above the form (?type=access) comes preselected.
    chosen = request.GET.get("type", "")
    initial = {"type": chosen} if chosen in SubjectRequest.Type.values else {}
    form = DpoForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if services.dpo_rate_limited(ip=http.client_ip(request)):
            form.add_error(None, _("Too many requests from your network. Try again in an hour."))
            context = {"form": form, "rights": PUBLIC_RIGHTS}
            return render(request, "privacy/dpo.html", context, status=429)
        services.request_file_public(**form.cleaned_data, language=get_language())
        messages.success(
            request,
            _("Thank you. Check your mailbox: the link we sent confirms your request (48 hours)."),
        )
        return redirect("privacy:dpo")
    return render(request, "privacy/dpo.html", {"form": form, "rights": PUBLIC_RIGHTS})


@require_http_methods(["GET", "POST"])
def dpo_verify(request, token):
    """GET only shows a button: mail scanners that open links must not confirm for the person."""
    if request.method == "POST":
        subject_request = services.request_verify_by_token(token=token)
    else:
        subject_request = selectors.request_for_verify_token(token=token)
    unconfirmed = subject_request is not None and subject_request.verified_at is None
    if unconfirmed and not subject_request.is_open:  # cancelled or expired: nothing to confirm
        subject_request = None
    return render(
        request,
        "privacy/verify.html",
        {"subject_request": subject_request, "confirmed": request.method == "POST"},
        status=200 if subject_request else 400,
    )


@require_http_methods(["GET", "POST"])
def dpo_cancel(request, token):
    """GET only shows a button, as for the identity link: a mail scanner cancels nothing."""
    subject_request = selectors.request_for_cancel_token(token=token)
    cancelled = False
    if subject_request is not None and request.method == "POST":
        try:
            services.request_cancel_by_token(token=token)
            cancelled = True
        except services.RequestStateError as error:
            messages.error(request, str(error))
        subject_request.refresh_from_db()
    return render(
        request,
        "privacy/cancel.html",
        {"subject_request": subject_request, "cancelled": cancelled},
        status=200 if subject_request else 400,
    )


def _zip_response(export):
    """Decrypted while it streams (the file at rest is encrypted), to the owner only."""
    response = StreamingHttpResponse(
        selectors.export_plaintext_chunks(export=export), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="perfony-data-{export.pk}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


def dpo_export(request, token):
    data = download_token_read(token=token)
    export = data and selectors.export_for_token(export_id=data["x"], email=data["e"])
    if not export:
        raise Http404(_("This link has expired or is not valid."))
    return _zip_response(export)


@login_required
@require_http_methods(["GET", "POST"])
def my_data(request):
    form = MyDataRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_file_extranet(
            user=request.user,
            schema_name=connection.schema_name,
            language=get_language(),
            **form.cleaned_data,
        )
        messages.success(request, _("Your request was received. We answer within one month."))
        return redirect("privacy:my_data")
    context = {
        "form": form,
        "cards": selectors.my_data_cards(user=request.user, schema_name=connection.schema_name),
        "rights": MY_DATA_RIGHTS,
        "today": timezone.localdate(),
        "requests": selectors.request_list_for_user(
            schema_name=connection.schema_name, user_id=request.user.pk
        ).prefetch_related("exports"),
    }
    return render(request, "privacy/my_data.html", context)


@login_required
@require_http_methods(["POST"])
def my_request_cancel(request, request_id):
    try:
        found = services.request_cancel_for_user(
            request_id=request_id, schema_name=connection.schema_name, user_id=request.user.pk
        )
    except services.RequestStateError as error:
        messages.error(request, str(error))
        return redirect("privacy:my_data")
    if found is None:
        raise Http404(_("This request does not exist or is not yours."))
    messages.success(request, _("Your request was cancelled."))
    return redirect("privacy:my_data")


@login_required
def my_export(request, export_id):
    export = selectors.export_for_user(
        export_id=export_id, schema_name=connection.schema_name, user_id=request.user.pk
    )
    if export is None:
        raise Http404(_("This export does not exist, has expired, or is not yours."))
    return _zip_response(export)


REGISTER_FORMATS = ("html", "csv", "json")


def processing_register(request):
    """The Art. 30 record at /admin/privacy/register/ (HTML, ?format=csv, ?format=json), for
    privacy officers and superusers; mounted under the admin site's login."""
    import csv
    import io

    from django.contrib import admin
    from django.core.exceptions import PermissionDenied
    from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse

    if not request.user.has_perm(REGISTER_PERMISSION):
        raise PermissionDenied
    wanted = request.GET.get("format", "html")
    if wanted not in REGISTER_FORMATS:
        return HttpResponseBadRequest(_("Unknown format: use csv or json."))
    register = selectors.processing_register()
    if wanted == "json":
        response = JsonResponse(register, json_dumps_params={"ensure_ascii": False, "indent": 2})
    elif wanted == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=register["columns"])
        writer.writeheader()
        writer.writerows(register["activities"])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        context = {
            **admin.site.each_context(request),
            "title": _("Record of processing activities"),
        }
        return render(request, "admin/privacy/register.html", {**context, "register": register})
    response["Content-Disposition"] = f'attachment; filename="processing-register.{wanted}"'
    return response


# Privacy officers (group of privacy/migrations/0003) and superusers hold it.
REGISTER_PERMISSION = "privacy.process_subjectrequest"


@extranet_admin_required
def extranet_requests(request):
    """The extranet admins' "Privacy requests": every request that covered their extranet,
    open ones first; type, status, dates and deadline, never the content of an export."""
    found = list(selectors.request_list_for_extranet(schema_name=connection.schema_name))
    context = {
        "open_requests": [r for r in found if r.is_open],
        "closed_requests": [r for r in found if not r.is_open],
    }
    return render(request, "privacy/extranet_requests.html", context)

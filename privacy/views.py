from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import http
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
        if selectors.dpo_rate_limited(ip=http.client_ip(request)):
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
    return render(
        request,
        "privacy/verify.html",
        {"subject_request": subject_request, "confirmed": request.method == "POST"},
        status=200 if subject_request else 400,
    )


def _zip_response(export):
    return FileResponse(
        export.file.open("rb"), as_attachment=True, filename=f"perfony-data-{export.pk}.zip"
    )


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

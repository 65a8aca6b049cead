"""Platform-level views: error pages for unknown or forbidden hosts, and the health check."""

from django.db import connection
from django.http import HttpResponseBadRequest, HttpResponseNotFound, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation

from perfony.health import extra_checks


def unknown_host(request):
    """A well-formed host under our domains that names no extranet.

    It is answered before LocaleMiddleware runs, so the visitor's language is chosen here.
    """
    language = translation.get_language_from_request(request)
    with translation.override(language):
        html = render_to_string(
            "errors/unknown_host.html",
            {"host": request.get_host(), "LANGUAGE_CODE": language},
            request,
        )
    return HttpResponseNotFound(html)


def bad_host(request):
    """A Host header outside ALLOWED_HOSTS. Rendered without the request: its host is untrusted."""
    return HttpResponseBadRequest(render_to_string("errors/400.html"))


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    checks = {"database": "ok"}
    status = 200
    for name, (ok, detail) in extra_checks().items():
        checks[name] = "ok" if ok else detail
        status = status if ok else 503
    return JsonResponse(
        {"status": "ok" if status == 200 else "problem", "checks": checks}, status=status
    )

"""Platform-level views: error pages for unknown or forbidden hosts, and the health check."""

from django.http import HttpResponseBadRequest, HttpResponseNotFound, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation

from perfony.health import all_checks


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
    """200 when every check passes, else 503; each check says what it found."""
    results = all_checks()
    checks = {name: "ok" if ok else detail for name, (ok, detail) in results.items()}
    details = {name: detail for name, (ok, detail) in results.items() if ok and detail != "ok"}
    healthy = all(ok for ok, _detail in results.values())
    body = {"status": "ok" if healthy else "problem", "checks": checks}
    if details:
        body["details"] = details
    return JsonResponse(body, status=200 if healthy else 503)

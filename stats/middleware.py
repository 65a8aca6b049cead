from django.db import connection
from django_tenants.utils import get_public_schema_name

from consent import selectors as consent_selectors
from security.http import request_ip
from stats.services import visit_count

_SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/healthz", "/i18n/", "/favicon")


class VisitCountMiddleware:
    """Counts consented page views of the public site per country and day."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._counts(request, response):
            ip = request_ip(request)
            if ip:
                visit_count(ip=ip)
        return response

    @staticmethod
    def _counts(request, response) -> bool:
        if connection.schema_name != get_public_schema_name() or request.method != "GET":
            return False
        if response.status_code != 200 or request.path.startswith(_SKIPPED_PREFIXES):
            return False
        if not response.get("Content-Type", "").startswith("text/html"):
            return False
        return consent_selectors.category_consented(request=request, category="audience")

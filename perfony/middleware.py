"""Request routing by host, and response headers that Django 5.2 does not set by itself."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django_tenants.middleware.main import TenantMainMiddleware

from perfony.views import bad_host


class TenantMiddleware(TenantMainMiddleware):
    """django-tenants' middleware, with a 400 for a forbidden Host instead of its bare 404."""

    @staticmethod
    def hostname_from_request(request):
        # Unlike the parent, keep "www.": the production public host is www.perfony.com.
        return request.get_host().split(":")[0].lower()

    def get_tenant(self, domain_model, hostname):
        # Cached in Redis and invalidated on every Domain/Extranet change (tenants/routing.py).
        from tenants.routing import extranet_for_host

        extranet = extranet_for_host(host=hostname)
        if extranet is None:
            raise domain_model.DoesNotExist(hostname)
        return extranet

    def process_request(self, request):
        try:
            request.get_host()
        except DisallowedHost:
            return bad_host(request)
        return super().process_request(request)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response

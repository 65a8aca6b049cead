"""Security headers on every response, whichever layer answered it.

This middleware is the outermost one (see MIDDLEWARE in settings/base.py), so it also sees the
400 and 404 pages that TenantMiddleware returns before SecurityMiddleware runs, and the static
files that WhiteNoise serves. It only fills in what an inner layer did not set.
"""

from django.conf import settings


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        headers = {
            "Permissions-Policy": settings.PERMISSIONS_POLICY,
            "Cross-Origin-Resource-Policy": settings.CROSS_ORIGIN_RESOURCE_POLICY,
            "X-Content-Type-Options": "nosniff" if settings.SECURE_CONTENT_TYPE_NOSNIFF else "",
            "Referrer-Policy": settings.SECURE_REFERRER_POLICY or "",
            "Cross-Origin-Opener-Policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY or "",
            # Set by production settings only (perfony.middleware.ContentSecurityPolicyMiddleware
            # covers the pages behind TenantMiddleware; this covers its early answers too).
            "Content-Security-Policy": getattr(settings, "CONTENT_SECURITY_POLICY", ""),
        }
        self.headers = {name: value for name, value in headers.items() if value}
        self.frame_options = settings.X_FRAME_OPTIONS

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in self.headers.items():
            response.headers.setdefault(name, value)
        if not getattr(response, "xframe_options_exempt", False):
            response.headers.setdefault("X-Frame-Options", self.frame_options)
        return response

from django.conf import settings

from security.browser import BROWSER_COOKIE, BROWSER_COOKIE_MAX_AGE


class BrowserIdMiddleware:
    """Sets the `pf_bid` cookie chosen at login (only with consent to preferences)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        browser_id = getattr(request, "pf_bid_to_set", None)
        if browser_id:
            response.set_cookie(
                BROWSER_COOKIE,
                browser_id,
                max_age=BROWSER_COOKIE_MAX_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

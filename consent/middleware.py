"""Enforcement: no cookie of a category the visitor has not consented to leaves the server."""

import logging

from consent import cookies, selectors

logger = logging.getLogger(__name__)
LANGUAGE_COOKIE = "django_language"


class ConsentCookieMiddleware:
    """Whatever view set it, a non-essential cookie without consent is removed from the response.

    The language cookie is the one exception: it is only set when the visitor picks a language,
    so without consent it becomes a session cookie (gone when the browser closes) instead of
    being kept for 100 days.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        for name in list(response.cookies):
            self._check(request, response, name)
        return response

    def _check(self, request, response, name: str) -> None:
        morsel = response.cookies[name]
        if morsel["max-age"] == 0 or morsel.value == "":
            return  # a deletion is always allowed
        entry = cookies.cookie_lookup(name)
        if entry is None:
            logger.warning("cookie %s is not in the cookie registry", name)
            return
        # Looked up on the module so the one function other apps (and their tests) use decides.
        if selectors.category_consented(request=request, category=entry.category):
            return
        if name == LANGUAGE_COOKIE:
            morsel["max-age"] = ""
            morsel["expires"] = ""
            return
        del response.cookies[name]

"""Where third-party analytics and advertising tags may run, and what they may be told.

The one list of pages that may load them. Anything not listed here (every extranet page, every
page with a token in its URL, the back office, error pages) never renders a third-party tag,
whatever the visitor consented to: a tag on such a page could read personal data from the URL,
the title or the document. tests/consent/test_tracking.py walks every URL pattern of both
URLconfs against this list.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.db import connection
from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django_tenants.utils import get_public_schema_name

# View names (namespace:name) of the public site. Forms are listed because a tag never reads
# form fields; the pages a visitor reaches through an emailed link (DPO verification and export,
# newsletter confirm and unsubscribe, testimonial consent and revocation) are not, nor is the
# DPO form: exercising a right is nobody else's business.
TRACKED_VIEWS: frozenset[str] = frozenset(
    {
        "home",
        "privacy_policy",
        "cookie_policy",
        "legal_notice",
        "prospects:contact",
        "prospects:contact_done",
        "prospects:newsletter",
        "prospects:newsletter_done",
        "prospects:referral",
        "prospects:referral_done",
        "careers:list",
        "careers:apply_open",
        "careers:apply",
        "careers:done",
        "testimonials:list",
    }
)

_PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def route_pattern(route: str) -> str:
    """`careers/<int:pk>/apply/` -> `/careers/:id/apply/`: what a tag is told instead of the URL."""

    def placeholder(match: re.Match) -> str:
        return ":id" if match["converter"] == "int" else f":{match['name']}"

    return "/" + _PARAM.sub(placeholder, route).lstrip("/")


def route_tracked(*, schema: str, view_name: str | None, route: str) -> str | None:
    """The route pattern a tag is told, if tags may run on this view in this schema, else None."""
    if schema != get_public_schema_name():
        return None  # an extranet: members' data, never a third party's business
    if view_name not in TRACKED_VIEWS:
        return None
    return route_pattern(route)


def tracked_route(*, request: HttpRequest) -> str | None:
    """The route pattern of this page if third-party tags may run on it, else None."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None  # a 404 or an error page
    return route_tracked(
        schema=connection.schema_name, view_name=match.view_name, route=match.route
    )


def _referrer_is_plain(*, request: HttpRequest) -> bool:
    """A referrer on this host must itself be a tracked page whose URL is its pattern (the page
    before could be a token link); other hosts only ever send their origin (our referrer policy
    is strict-origin-when-cross-origin, and theirs is not our data)."""
    referrer = urlsplit(request.headers.get("Referer", ""))
    if not referrer.netloc or referrer.netloc != request.get_host():
        return True
    if referrer.query:
        return False
    try:
        match = resolve(referrer.path, urlconf=getattr(request, "urlconf", None))
    except Resolver404:
        return False
    told = route_tracked(
        schema=connection.schema_name, view_name=match.view_name, route=match.route
    )
    return told == referrer.path


def url_is_route(*, request: HttpRequest, route: str) -> bool:
    """True when the real URL and referrer say nothing more than a tracked pattern (no
    parameter, no query): the only pages where a tag that reads them itself may run."""
    if request.path != route or request.META.get("QUERY_STRING"):
        return False
    return _referrer_is_plain(request=request)

from django.shortcuts import render
from django.utils.translation import get_language

from consent import cookies
from legal.models import PolicyVersion
from legal.rendering import policy_blocks
from legal.selectors import policy_current, policy_upcoming


def retention_rows() -> list:
    """Rows of the retention section; the retention app provides them when it is installed."""
    try:
        from retention.selectors import retention_policy_table
    except ImportError:
        return []
    return list(retention_policy_table())


def _policy_context(kind: str) -> dict:
    language = get_language()
    current, upcoming = policy_current(kind=kind), policy_upcoming(kind=kind)
    return {
        "current": current,
        "upcoming": upcoming,
        "current_blocks": policy_blocks(text=current.text(language)) if current else [],
        "upcoming_blocks": policy_blocks(text=upcoming.text(language)) if upcoming else [],
    }


def privacy_policy(request):
    context = _policy_context(PolicyVersion.Kind.PRIVACY)
    context["retention_rows"] = retention_rows()
    return render(request, "legal/privacy.html", context)


def cookie_policy(request):
    context = _policy_context(PolicyVersion.Kind.COOKIES)
    context["categories"] = [(c, cookies.cookies_in(c.key)) for c in cookies.CATEGORIES]
    context["scripts"] = cookies.SCRIPTS
    return render(request, "legal/cookies.html", context)


def legal_notice(request):
    return render(request, "legal/legal_notice.html")

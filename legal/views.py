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


def rule_period(key: str) -> str | None:
    """A retention rule's period in words, for "[period:<key>]" in a policy text."""
    try:
        from retention.policies import policy_get
        from retention.selectors import period_in_words
    except ImportError:
        return None
    try:
        return period_in_words(policy_get(key).delta())
    except (KeyError, StopIteration):
        return None


def privacy_sections() -> dict:
    """The sections generated from the personal-data declarations (privacy app)."""
    try:
        from privacy.selectors import policy_sections
    except ImportError:
        return {}
    return policy_sections()


def _policy_context(kind: str) -> dict:
    language = get_language()
    current, upcoming = policy_current(kind=kind), policy_upcoming(kind=kind)

    def blocks(version):
        return policy_blocks(text=version.text(language), period=rule_period) if version else []

    return {
        "current": current,
        "upcoming": upcoming,
        "current_blocks": blocks(current),
        "upcoming_blocks": blocks(upcoming),
    }


def privacy_policy(request):
    context = _policy_context(PolicyVersion.Kind.PRIVACY)
    context["retention_rows"] = retention_rows()
    context["privacy_sections"] = privacy_sections()
    return render(request, "legal/privacy.html", context)


def cookie_policy(request):
    context = _policy_context(PolicyVersion.Kind.COOKIES)
    context["categories"] = [(c, cookies.cookies_in(c.key)) for c in cookies.CATEGORIES]
    context["scripts"] = cookies.SCRIPTS
    return render(request, "legal/cookies.html", context)


def legal_notice(request):
    return render(request, "legal/legal_notice.html")

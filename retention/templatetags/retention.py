from django import template

from retention.selectors import retention_banner, retention_policy_table

register = template.Library()


@register.simple_tag
def retention_policy_rows():
    """`{% retention_policy_rows as rows %}`: the policy table rows in the active language."""
    return retention_policy_table()


@register.inclusion_tag("retention/admin_banner.html")
def retention_health_banner():
    return {"message": retention_banner()}


@register.simple_tag
def retention_period(key: str) -> str:
    """`{% retention_period "prospects" as period %}`: a rule's period in words, in the active
    language, with any RETENTION_PERIODS override (never type a period into a template)."""
    from retention.policies import policy_get
    from retention.selectors import period_in_words

    return period_in_words(policy_get(key).delta())

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

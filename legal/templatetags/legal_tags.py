from django import template

from legal.selectors import policy_upcoming_list

register = template.Library()


@register.inclusion_tag("legal/notice.html", takes_context=True)
def policy_change_notice(context):
    """'Our privacy policy changes on DATE' on every page while a change is announced."""
    return {"upcoming": policy_upcoming_list(), "on_extranet": context.get("on_extranet")}

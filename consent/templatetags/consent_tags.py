from django import template
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from consent import cookies
from consent.selectors import (
    banner_needed,
    banner_texts,
    category_consented,
    configured_scripts,
    consent_state,
    gpc_signal,
    third_party_recipients,
)
from consent.tracking import tracked_route, url_is_route

register = template.Library()


def safe_next(request) -> str:
    path = request.get_full_path()
    if url_has_allowed_host_and_scheme(path, allowed_hosts={request.get_host()}):
        return path
    return "/"


def panel_context(request) -> dict:
    """What the banner and the settings page need: texts, categories, the current choice."""
    state = consent_state(request=request)
    gpc = gpc_signal(request=request)
    return {
        "texts": banner_texts(gpc=gpc),
        "rows": [(c, c.required or state.allows(c.key)) for c in cookies.CATEGORIES],
        "state": state,
        "gpc": gpc,
        "next": safe_next(request),
        "consent_url": reverse("consent_submit"),
        "settings_url": reverse("consent_settings"),
    }


@register.inclusion_tag("consent/banner.html", takes_context=True)
def consent_banner(context):
    request = context.get("request")
    if request is None or context.get("hide_consent_banner"):
        return {"skip": True}  # the page itself is the settings panel, or an error about it
    show = banner_needed(request=request)
    return {**panel_context(request), "show": show, "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("consent/scripts.html", takes_context=True)
def consent_scripts(context):
    """Optional scripts: real tags when consented, inert `text/plain` ones that consent.js
    activates after consent otherwise. Then consent.js itself."""
    request = context.get("request")
    if request is None:
        return {"scripts": [], "consented": "", "route": ""}
    state = consent_state(request=request)
    # Not listed in consent.tracking: no third-party tag at all, not even an inert one.
    route = tracked_route(request=request)
    scripts = [
        (s, s.src(), state.allows(s.category))
        for s in cookies.SCRIPTS
        if route is not None
        and s.src()
        and (not s.reads_page_url or url_is_route(request=request, route=route))
    ]
    return {
        "scripts": scripts,
        "consented": " ".join(state.consented),
        "route": route or "",
        "gpc": state.gpc or gpc_signal(request=request),
    }


@register.simple_tag(takes_context=True)
def consented(context, category: str) -> bool:
    """`{% consented "analytics" as ok %}{% if ok %}...{% endif %}`"""
    request = context.get("request")
    return request is not None and category_consented(request=request, category=category)


@register.simple_tag(name="third_party_recipients")
def third_party_recipients_tag():
    """`{% third_party_recipients as recipients %}` for consent/_recipients.html."""
    return third_party_recipients()


@register.simple_tag(name="configured_scripts")
def configured_scripts_tag():
    return configured_scripts()


@register.filter
def category_label(key: str):
    """A category's name for people, never its raw key."""
    category = cookies.category_get(key)
    return category.label if category else key

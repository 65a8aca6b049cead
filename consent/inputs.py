"""Parsing a consent submission (form data or JSON). Anything unexpected is refused whole."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext as _

from consent import cookies

MAX_BODY_BYTES = 4096
ACTIONS = ("accept_all", "reject_all", "custom", "close", "withdraw")
_FORM_EXTRA = {"csrfmiddlewaretoken", "action", "next"}
_TRUE = {"on", "1", "true", "yes"}
_FALSE = {"off", "0", "false", "no", ""}


class ConsentInputError(ValueError):
    """A submission we refuse; the message is shown to the visitor in their language."""


@dataclass(frozen=True)
class ConsentInput:
    action: str
    choices: dict[str, bool]  # the optional categories the visitor switched on or off
    next_url: str = ""
    is_json: bool = False


def _category(key: str) -> str:
    if key == cookies.NECESSARY or key in cookies.OPTIONAL_KEYS:
        return key
    raise ConsentInputError(_("Unknown cookie category: %(name)s.") % {"name": key[:40]})


def _action(value) -> str:
    if value not in ACTIONS:
        raise ConsentInputError(_("Unknown consent action. Use one of the banner's buttons."))
    return value


def _form_flag(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConsentInputError(_("A cookie choice must be on or off."))


def _from_form(request: HttpRequest) -> ConsentInput:
    choices = {}
    for key in request.POST:
        if key in _FORM_EXTRA:
            continue
        values = request.POST.getlist(key)
        choices[_category(key)] = any(_form_flag(v) for v in values)
    return ConsentInput(
        action=_action(request.POST.get("action")),
        choices=choices,
        next_url=request.POST.get("next", ""),
    )


def _from_json(request: HttpRequest) -> ConsentInput:
    try:
        data = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConsentInputError(_("The consent request is not valid JSON.")) from exc
    if not isinstance(data, dict) or set(data) - {"action", "choices"}:
        raise ConsentInputError(_("The consent request must be an object with action and choices."))
    raw = data.get("choices", {})
    if not isinstance(raw, dict):
        raise ConsentInputError(_("Choices must map a category to true or false."))
    choices = {}
    for key, value in raw.items():
        if not isinstance(value, bool):
            raise ConsentInputError(_("A cookie choice must be on or off."))
        choices[_category(str(key))] = value
    return ConsentInput(action=_action(data.get("action")), choices=choices, is_json=True)


def consent_input_parse(*, request: HttpRequest) -> ConsentInput:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = MAX_BODY_BYTES + 1
    if length > MAX_BODY_BYTES:
        raise ConsentInputError(_("The consent request is too large (4 KB at most)."))
    parsed = (
        _from_json(request) if request.content_type == "application/json" else _from_form(request)
    )
    if parsed.choices.get(cookies.NECESSARY) is False:
        raise ConsentInputError(_("Strictly necessary cookies cannot be switched off."))
    return parsed

"""The `date` filter everywhere (a template builtin, see settings), with the French "1er".

French writes the first day of a month as an ordinal ("1er janvier"); no Django format
character does that, so the filter adds it after Django has formatted the date.
"""

import re

from django import template
from django.template.defaultfilters import date as django_date
from django.utils import translation

register = template.Library()

FRENCH_FIRST = re.compile(
    r"(?<![\d/.:-])1 (?=(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
    r"novembre|décembre)\b)"
)


def french_first_of_month(text: str) -> str:
    return FRENCH_FIRST.sub("1er ", text)


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    text = django_date(value, arg)
    if text and getattr(value, "day", None) == 1 and translation.get_language() == "fr":
        return french_first_of_month(text)
    return text

"""Choosing a username: one normal form, and nothing that reads like someone else's name.

Every place where a username is chosen (invitation acceptance, the staff user admin,
provisioning) calls these two functions, so a fullwidth "alice" is "alice" everywhere and
"alice" with a Cyrillic "a" is refused everywhere.
"""

import unicodedata

from confusable_homoglyphs import categories, confusables
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import User

# Characters of no particular script: digits, "." "_" "@" "+" "-", combining marks.
_NEUTRAL_SCRIPTS = {"COMMON", "INHERITED"}


def username_normalise(value: str) -> str:
    """NFKC (as Django stores it: fullwidth letters become ASCII), trimmed, lower case."""
    return unicodedata.normalize("NFKC", value).strip().lower()


def _looks_ascii(char: str) -> bool:
    found = confusables.is_confusable(char, greedy=True) or []
    return any(
        len(glyph["c"]) == 1 and glyph["c"].isascii() and glyph["c"].isalnum()
        for entry in found
        for glyph in entry["homoglyphs"]
    )


def username_validate(value: str) -> None:
    """Raise ValidationError unless `value` (already normalised) is a safe username."""
    User.username_validator(value)
    if confusables.is_mixed_script(value, allowed_aliases=list(_NEUTRAL_SCRIPTS)):
        raise ValidationError(
            _(
                "Use the letters of one alphabet only: a username that mixes alphabets "
                "(for example Latin and Cyrillic) can be mistaken for another one."
            ),
            code="mixed_script",
        )
    foreign = [c for c in value if c.isalpha() and categories.alias(c) != "LATIN"]
    if foreign and all(_looks_ascii(c) for c in foreign):
        # A whole-script look-alike: "ase" typed in Cyrillic reads exactly like Latin "ase".
        raise ValidationError(
            _(
                "This username looks like one written in Latin letters but is not, so it can "
                "be mistaken for another one. Type it in Latin letters."
            ),
            code="confusable",
        )

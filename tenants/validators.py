import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

RESERVED_SLUGS = frozenset({"www", "admin", "api", "mail", "public", "static"})
MAX_SLUG_LENGTH = 59
_DNS_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")


def validate_slug(slug: str) -> None:
    """A slug becomes a DNS label and a schema name: check both rules, say which failed."""
    if not slug:
        raise ValidationError(_("The slug is required."), code="required")
    if len(slug) > MAX_SLUG_LENGTH:
        # A DNS label allows 63, but the schema name ("ext_" + slug) must fit PostgreSQL's 63.
        raise ValidationError(
            _("The slug is at most %(max)d characters long.") % {"max": MAX_SLUG_LENGTH},
            code="too_long",
        )
    if slug != slug.lower():
        raise ValidationError(_("The slug must be in lowercase."), code="uppercase")
    if slug.startswith("-") or slug.endswith("-"):
        raise ValidationError(_("The slug cannot start or end with a hyphen."), code="hyphen_edge")
    if not _DNS_LABEL.match(slug):
        raise ValidationError(
            _("The slug may only contain letters a-z, digits and hyphens."), code="invalid_chars"
        )
    if "--" in slug[2:4]:
        raise ValidationError(
            _("The slug cannot have two hyphens in its 3rd and 4th characters (IDN prefix)."),
            code="idn",
        )
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("The slug “%(slug)s” is reserved.") % {"slug": slug}, code="reserved"
        )


def schema_name_for(slug: str) -> str:
    # Hyphens are not allowed in DNS-free identifiers; underscores are not allowed in slugs,
    # so the mapping cannot collide. The prefix keeps clear of "public" and "pg_*".
    return "ext_" + slug.replace("-", "_")

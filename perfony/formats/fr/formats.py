"""French: Django's formats, with the zone after a full date and time ("1er" comes from
core.templatetags.dates, which a format string cannot express)."""

DATETIME_FORMAT = "j F Y à H:i T"  # 8 décembre 2026 à 14:30 CET

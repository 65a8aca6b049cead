"""Dutch: Django's formats, with the zone after a full date and time."""

DATETIME_FORMAT = "j F Y, H:i T"  # 8 december 2026, 14:30 CET

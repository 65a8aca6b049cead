"""English as read in Europe (en-GB): day before month, 24-hour time, the zone with a time.

Django's own `en` formats are American ("12/02/2026" is 2 December there, 12 February here)
and its en_GB ones use "1 p.m."; these override both. Anything not set here falls back to
Django's en formats.
"""

from django.conf.locale.en_GB.formats import (  # noqa: F401  the parsing side of en-GB
    DATE_INPUT_FORMATS,
    DATETIME_INPUT_FORMATS,
)

DATE_FORMAT = "j F Y"  # 8 December 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j F Y, H:i T"  # 8 December 2026, 14:30 CET
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"  # 08/12/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

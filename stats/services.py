from datetime import date

from django.db import connection
from django.utils import timezone

from stats.geo import country_for_ip
from stats.models import DailyCountryVisits


def visit_count(*, ip: str, day: date | None = None) -> str:
    """Add one visit to today's count for the IP's country. The IP itself is never written."""
    country = country_for_ip(ip=ip)
    table = DailyCountryVisits._meta.db_table
    with connection.cursor() as cursor:
        # One UPSERT: concurrent visits add up without a read-modify-write race.
        cursor.execute(
            f'INSERT INTO "{table}" (day, country, count) VALUES (%s, %s, 1) '  # noqa: S608
            "ON CONFLICT (day, country) DO UPDATE SET count = "
            f'"{table}".count + 1',
            [day or timezone.localdate(), country],
        )
    return country

from django.contrib import admin

from core.admin import ReadOnlyAdmin
from stats.models import DailyCountryVisits


@admin.register(DailyCountryVisits)
class DailyCountryVisitsAdmin(ReadOnlyAdmin):
    """Read-only: the counts are written by the visit middleware only."""

    list_display = ("day", "country", "count")
    list_filter = ("day", "country")
    date_hierarchy = "day"
    ordering = ("-day", "-count")

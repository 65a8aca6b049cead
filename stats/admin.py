from django.contrib import admin

from stats.models import DailyCountryVisits


@admin.register(DailyCountryVisits)
class DailyCountryVisitsAdmin(admin.ModelAdmin):
    """Read-only: the counts are written by the visit middleware only."""

    list_display = ("day", "country", "count")
    list_filter = ("day", "country")
    date_hierarchy = "day"
    ordering = ("-day", "-count")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

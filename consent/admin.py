from django.contrib import admin

from consent.models import ConsentRecord


@admin.register(ConsentRecord)
class ConsentRecordAdmin(admin.ModelAdmin):
    """Staff look a consent id up; proof cannot be added, changed or deleted here."""

    list_display = ("created_at", "consent_id", "method", "gpc", "policy_version", "language")
    list_filter = ("method", "gpc", "policy_version")
    search_fields = ("=consent_id",)
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in ConsentRecord._meta.concrete_fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        import uuid

        try:
            uuid.UUID(search_term.strip())
        except ValueError:
            if search_term.strip():
                return queryset.none(), False
            return queryset, False
        return queryset.filter(consent_id=search_term.strip()), False

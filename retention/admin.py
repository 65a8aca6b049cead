"""Back office: the run log (read-only), the 30-day forecast, archives and warnings."""

from django.contrib import admin
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyAdmin, ReadOnlyAdminMixin
from retention.models import (
    ArchivedExtranet,
    DropWarning,
    RetentionPolicyRun,
    RetentionRun,
    RetentionSchemaRun,
)
from retention.selectors import (
    FORECAST_DAYS,
    extranet_drops_upcoming,
    purge_forecast,
    retention_policy_table,
)


class SchemaRunInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = RetentionSchemaRun
    fields = ["schema_name", "status", "detail", "duration_ms", "attempts", "started_at"]
    readonly_fields = fields
    extra = 0
    ordering = ["-duration_ms", "schema_name"]  # the slowest schemas first


class PolicyRunInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = RetentionPolicyRun
    fields = ["schema_name", "policy_key", "status", "rows", "batches", "duration_ms", "error"]
    readonly_fields = fields
    extra = 0


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "trigger", "status", "finished_at", "rows_purged"]
    list_filter = ["status", "trigger"]
    readonly_fields = ["trigger", "status", "started_at", "finished_at"]
    inlines = [SchemaRunInline, PolicyRunInline]
    change_list_template = "admin/retention/retentionrun/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_rows=Sum("policy_runs__rows"))

    @admin.display(description=_("rows purged"), ordering="_rows")
    def rows_purged(self, obj):
        return obj._rows or 0

    def changelist_view(self, request, extra_context=None):
        context = {
            "forecast": purge_forecast(),
            "forecast_days": FORECAST_DAYS,
            "drops": extranet_drops_upcoming(),
            "policy_rows": retention_policy_table(),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context=context)


@admin.register(ArchivedExtranet)
class ArchivedExtranetAdmin(ReadOnlyAdmin):
    list_display = ["name", "slug", "contract_start", "contract_end", "deleted_at"]
    search_fields = ["name", "slug"]


@admin.register(DropWarning)
class DropWarningAdmin(ReadOnlyAdmin):
    list_display = ["extranet_name", "days_before", "drop_date", "sent_at", "recipient"]

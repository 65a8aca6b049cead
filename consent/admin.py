import uuid

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from consent.models import ConsentRecord
from consent.selectors import MIN_GROUP, consent_analytics, consent_record_find_everywhere
from core.admin import ReadOnlyAdmin

ANALYTICS_PERMISSION = "consent.view_consent_analytics"
SHOWN_AS = {"choices": "choices_shown", "policy_version": "version"}


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyAdmin):
    """Staff look a consent id up; proof cannot be added, changed or deleted here."""

    list_display = ("created_at", "consent_id", "method", "gpc", "version", "language")
    list_filter = ("method", "gpc", "policy_version")
    search_fields = ("=consent_id",)
    date_hierarchy = "created_at"
    # The stored choices and version are shown as people read them (the raw values stay in
    # the exports and in the hash chain).
    readonly_fields = [SHOWN_AS.get(f.name, f.name) for f in ConsentRecord._meta.concrete_fields]
    fields = readonly_fields

    @admin.display(description=_("choice per category"))
    def choices_shown(self, obj):
        yes_no = {True: _("yes"), False: _("no")}
        return ", ".join(f"{label}: {yes_no[value]}" for label, value in obj.choices_labelled())

    @admin.display(description=_("cookie policy version"), ordering="policy_version")
    def version(self, obj):
        return obj.policy_version_label

    def get_search_results(self, request, queryset, search_term):
        consent_id = _as_uuid(search_term)
        if consent_id is None:
            return (queryset.none() if search_term.strip() else queryset), False
        return queryset.filter(consent_id=consent_id), False

    def get_urls(self):
        analytics = self.admin_site.admin_view(self.analytics_view)
        return [
            path("analytics/", analytics, name="consent_consentrecord_analytics"),
            *super().get_urls(),
        ]

    def analytics_view(self, request):
        """Rates per policy version and week, public site against extranets; aggregates only."""
        if not request.user.has_perm(ANALYTICS_PERMISSION):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Consent analytics"),
            "opts": self.model._meta,
            "analytics": consent_analytics(),
            "min_group": MIN_GROUP,
        }
        return TemplateResponse(request, "admin/consent/consentrecord/analytics.html", context)

    def changelist_view(self, request, extra_context=None):
        """Public records are listed as usual; a searched consent id is also looked up in every
        extranet, where the records of signed-in members are kept."""
        consent_id = _as_uuid(request.GET.get("q", ""))
        extra_context = extra_context or {}
        extra_context["can_view_analytics"] = request.user.has_perm(ANALYTICS_PERMISSION)
        if consent_id is not None:
            extra_context["extranet_matches"] = consent_record_find_everywhere(
                consent_id=str(consent_id)
            )
        return super().changelist_view(request, extra_context=extra_context)


def _as_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        return None

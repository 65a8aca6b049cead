from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ReadOnlyAdmin
from prospects import services
from prospects.forms import NewsletterIssueForm
from prospects.models import (
    ContactMessage,
    NewsletterIssue,
    NewsletterSubscription,
    OptInProof,
    PartnerExport,
    Prospect,
)


class ContactMessageInline(admin.TabularInline):
    model = ContactMessage
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "message"]

    def has_add_permission(self, request, obj=None):
        return False


class OptInProofInline(ContactMessageInline):
    model = OptInProof
    readonly_fields = [
        "purpose",
        "created_at",
        "text_shown",
        "language",
        "source",
        "ip_truncated",
        "withdrawn_at",
    ]


@admin.register(Prospect)
class ProspectAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "company", "last_contact_at", "created_at"]
    search_fields = ["email", "name", "company"]
    readonly_fields = ["email", "created_at", "last_contact_at"]
    fields = ["email", "name", "phone", "company", "language", "created_at", "last_contact_at"]
    inlines = [ContactMessageInline, OptInProofInline]
    actions = ["export_partner_csv"]

    def has_add_permission(self, request):
        return False  # prospects come from the public forms, with their proofs

    def save_model(self, request, obj, form, change):
        services.prospect_update(prospect=obj, changed=form.changed_data, actor=request.user)

    def get_deleted_objects(self, objs, request):
        # Messages and proofs cannot be deleted on their own, but they go with their prospect.
        deleted, counts, _perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), protected

    def delete_model(self, request, obj):
        services.prospect_delete(prospect=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for prospect in queryset:
            services.prospect_delete(prospect=prospect, actor=request.user)

    @admin.action(
        description=_("Export the selected contacts who agreed to partner sharing (CSV)"),
        permissions=["change"],  # a disclosure to third parties, not a way of viewing
    )
    def export_partner_csv(self, request, queryset):
        content, export = services.partner_export_create(actor=request.user, prospects=queryset)
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        name = f"partner-contacts-{timezone.localtime(export.created_at):%Y%m%d-%H%M}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


@admin.register(ContactMessage)
class ContactMessageAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "prospect", "excerpt"]
    search_fields = ["prospect__email", "message"]
    list_select_related = ["prospect"]

    @admin.display(description=_("message"))
    def excerpt(self, obj):
        return obj.message[:80]


@admin.register(OptInProof)
class OptInProofAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "prospect", "purpose", "source", "ip_truncated", "withdrawn_at"]
    list_filter = ["purpose", "source"]
    search_fields = ["prospect__email"]


@admin.register(NewsletterSubscription)
class NewsletterSubscriptionAdmin(ReadOnlyAdmin):
    list_display = ["prospect", "language", "created_at", "confirmed_at", "unsubscribed_at"]
    search_fields = ["prospect__email"]
    actions = ["unsubscribe"]

    @admin.action(description=_("Unsubscribe the selected subscribers"))
    def unsubscribe(self, request, queryset):
        for subscription in queryset.select_related("prospect"):
            services.newsletter_unsubscribe(subscription=subscription, actor=request.user)


@admin.register(NewsletterIssue)
class NewsletterIssueAdmin(admin.ModelAdmin):
    form = NewsletterIssueForm
    list_display = ["subject", "created_at", "queued_at", "finished_at", "sent"]
    fields = ["subject", "body", "queued_at", "finished_at"]
    readonly_fields = ["queued_at", "finished_at"]
    actions = ["send_issue"]

    @admin.display(description=_("sent"))
    def sent(self, obj):
        return obj.deliveries.filter(outcome="sent").count()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.queued_at is not None:
            return False  # a sent issue is history
        return super().has_change_permission(request, obj)

    @admin.action(
        description=_("Send the selected issues to confirmed subscribers"), permissions=["change"]
    )
    def send_issue(self, request, queryset):
        queued = sum(services.newsletter_issue_queue(issue=i, actor=request.user) for i in queryset)
        self.message_user(
            request,
            ngettext("%d issue is being sent.", "%d issues are being sent.", queued) % queued,
            messages.SUCCESS,
        )


@admin.register(PartnerExport)
class PartnerExportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "created_by_label", "contact_count"]

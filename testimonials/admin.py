from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from testimonials import services
from testimonials.models import Testimonial, TestimonialConsent


class ConsentInline(admin.TabularInline):
    model = TestimonialConsent
    extra = 0
    can_delete = False
    fields = readonly_fields = [
        "created_at",
        "signer_name",
        "email",
        "show_name",
        "show_function",
        "show_logo",
        "show_quote",
        "ip_truncated",
        "revoked_at",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Testimonial)
class TestimonialAdmin(admin.ModelAdmin):
    list_display = ["company", "client_name", "consent_requested_at", "published"]
    search_fields = ["company", "client_name"]
    readonly_fields = ["consent_requested_at", "created_at"]
    inlines = [ConsentInline]
    actions = ["send_consent_request", "unpublish"]

    @admin.display(boolean=True, description=_("published"))
    def published(self, obj):
        return obj.consents.filter(revoked_at__isnull=True).exists()

    def delete_model(self, request, obj):
        services.testimonial_delete(testimonial=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for testimonial in queryset:
            services.testimonial_delete(testimonial=testimonial, actor=request.user)

    def save_model(self, request, obj, form, change):
        services.testimonial_save(testimonial=obj, changed=form.changed_data, actor=request.user)

    @admin.action(
        description=_("Email the consent request to the selected clients"), permissions=["change"]
    )
    def send_consent_request(self, request, queryset):
        for testimonial in queryset:
            services.consent_request_send(testimonial=testimonial, actor=request.user)
        count = len(queryset)
        self.message_user(
            request,
            ngettext("%d consent request sent.", "%d consent requests sent.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish the selected testimonials now"), permissions=["change"])
    def unpublish(self, request, queryset):
        for consent in TestimonialConsent.objects.filter(
            testimonial__in=queryset, revoked_at__isnull=True
        ):
            services.consent_revoke(consent=consent, actor=request.user)

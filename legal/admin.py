from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from legal.models import PolicyVersion
from legal.services import policy_effective_date_validate, policy_version_publish


class PolicyVersionForm(forms.ModelForm):
    class Meta:
        model = PolicyVersion
        fields = ["kind", "version", "change", "effective_at", "text_nl", "text_fr", "text_en"]

    def clean(self):
        data = super().clean()
        if data.get("change") and data.get("effective_at"):
            # Checked as if published today; publication checks again on its own date.
            policy_effective_date_validate(
                change=data["change"],
                effective_at=data["effective_at"],
                published_on=timezone.localdate(),
            )
        return data


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    form = PolicyVersionForm
    list_display = ("kind", "version", "change", "effective_at", "published_at")
    list_filter = ("kind", "change")
    actions = ["publish"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_published:
            return [*PolicyVersionForm.Meta.fields, "published_at"]
        return ["published_at"]

    def has_delete_permission(self, request, obj=None):
        return obj is not None and not obj.is_published

    @admin.action(
        description=_("Publish the selected drafts (announce and email)"), permissions=["change"]
    )
    def publish(self, request, queryset):
        for policy in queryset.filter(published_at__isnull=True):
            try:
                policy_version_publish(policy=policy, actor=request.user)
            except ValidationError as exc:
                self.message_user(request, f"{policy}: {' '.join(exc.messages)}", messages.ERROR)
            else:
                self.message_user(request, _("%(policy)s published.") % {"policy": policy})

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from privacy import services
from privacy.models import (
    DataExport,
    RequestEvent,
    SubjectLegalHold,
    SubjectRequest,
    SuppressedEmail,
)
from privacy.selectors import subject_data_find

PROCESS = "privacy.process_subjectrequest"


class DeadlineFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("overdue")),
            ("week", _("due within 7 days")),
            ("later", _("due later")),
            ("none", _("not started")),
        ]

    def queryset(self, request, queryset):
        from django.db.models.functions import Coalesce

        today = timezone.localdate()
        qs = queryset.annotate(deadline=Coalesce("extended_due_date", "due_date"))
        open_qs = qs.filter(status__in=SubjectRequest.OPEN_STATUSES)
        week = today + datetime.timedelta(days=7)
        return {
            "overdue": open_qs.filter(deadline__lt=today),
            "week": open_qs.filter(deadline__gte=today, deadline__lte=week),
            "later": qs.filter(deadline__gt=week),
            "none": qs.filter(deadline__isnull=True),
        }.get(self.value(), queryset)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for refusal"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ExtendForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Extend by"), coerce=int, choices=[(1, _("1 month")), (2, _("2 months"))]
    )
    reason = forms.CharField(
        label=_("Reason (sent to the requester)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RequestEventInline(admin.TabularInline):
    model = RequestEvent
    template = "admin/privacy/subjectrequest/events_inline.html"
    extra = 0
    can_delete = False
    fields = ["at", "actor", "action", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _run(modeladmin, request, queryset, step):
    done = 0
    for subject_request in queryset:
        try:
            step(subject_request=subject_request, actor=request.user)
            done += 1
        except services.RequestStateError as error:
            modeladmin.message_user(request, f"#{subject_request.pk}: {error}", messages.ERROR)
    if done:
        modeladmin.message_user(request, _("%(n)d request(s) updated.") % {"n": done})


@admin.register(SubjectRequest)
class SubjectRequestAdmin(admin.ModelAdmin):
    list_display = ["id", "type", "status", "email", "received_at", "deadline", "source"]
    list_filter = ["type", "status", DeadlineFilter, "due_date"]
    date_hierarchy = "received_at"
    search_fields = ["email"]
    inlines = [RequestEventInline]
    actions = ["verify_selected", "approve_selected", "execute_selected"]
    readonly_fields = [f.name for f in SubjectRequest._meta.fields]
    change_form_template = "admin/privacy/subjectrequest/change_form.html"

    @admin.display(description=_("deadline"), ordering="due_date")
    def deadline(self, obj):
        due = obj.effective_due_date
        if due is None:
            return "-"
        if obj.is_open and due < timezone.localdate():
            return format_html(
                '<strong class="privacy-overdue" style="color:#b00020">{} ⚠ {}</strong>',
                due,
                _("overdue"),
            )
        return due

    @admin.display(description=_("filed from"))
    def source(self, obj):
        return obj.extranet_schema or "/dpo/"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # requests are evidence; the retention engine removes them

    def has_change_permission(self, request, obj=None):
        return False  # every change goes through the workflow steps below

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm(PROCESS):
            for name in self.actions:
                actions.pop(name, None)
        return actions

    @admin.action(description=_("Verify identity of selected requests"))
    def verify_selected(self, request, queryset):
        _run(self, request, queryset, services.request_verify)

    @admin.action(description=_("Approve selected requests"))
    def approve_selected(self, request, queryset):
        _run(self, request, queryset, services.request_approve)

    @admin.action(description=_("Execute selected requests"))
    def execute_selected(self, request, queryset):
        _run(self, request, queryset, services.request_execute)

    def get_urls(self):
        steps = ["verify", "approve", "reject", "extend", "execute"]
        extra = [
            path(
                f"<int:pk>/{step}/",
                self.admin_site.admin_view(self.step_view),
                {"step": step},
                name=f"privacy_subjectrequest_{step}",
            )
            for step in steps
        ]
        return extra + super().get_urls()

    def step_view(self, request, pk, step):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm(PROCESS):
            raise PermissionDenied
        subject_request = get_object_or_404(SubjectRequest, pk=pk)
        try:
            self._do_step(request, subject_request, step)
        except services.RequestStateError as error:
            self.message_user(request, str(error), messages.ERROR)
        back = reverse("admin:privacy_subjectrequest_change", args=[pk])
        return HttpResponseRedirect(back)

    def _do_step(self, request, subject_request, step):
        kwargs = {"subject_request": subject_request, "actor": request.user}
        if step == "reject":
            form = RejectForm(request.POST, prefix="reject")
            if not form.is_valid():
                raise services.RequestStateError(_("A refusal must give its reason."))
            services.request_reject(**kwargs, reason=form.cleaned_data["reason"])
        elif step == "extend":
            form = ExtendForm(request.POST, prefix="extend")
            if not form.is_valid():
                raise services.RequestStateError(_("Choose 1 or 2 months and give a reason."))
            services.request_extend(**kwargs, **form.cleaned_data)
        else:
            getattr(services, f"request_{step}")(**kwargs)
        self.message_user(request, _("Done: %(step)s.") % {"step": step}, messages.SUCCESS)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = {
            "can_process": request.user.has_perm(PROCESS),
            "reject_form": RejectForm(prefix="reject"),
            "extend_form": ExtendForm(prefix="extend"),
            "found": subject_data_find(subject_request=obj) if obj else [],
        }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RequestEvent)
class RequestEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "request", "actor", "action"]
    list_filter = ["action"]


@admin.register(DataExport)
class DataExportAdmin(ReadOnlyAdmin):
    list_display = ["id", "request", "created_at", "expires_at", "size"]
    exclude = ["file"]  # staff never download a subject's export


@admin.register(SuppressedEmail)
class SuppressedEmailAdmin(ReadOnlyAdmin):
    list_display = ["email_hmac", "reason", "created_at"]
    list_filter = ["reason"]


@admin.register(SubjectLegalHold)
class SubjectLegalHoldAdmin(admin.ModelAdmin):
    list_display = ["id", "email", "reason", "created_at", "released_at"]
    search_fields = ["email"]

    def has_delete_permission(self, request, obj=None):
        return False  # release a hold instead, so its history stays

import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyAdmin
from core.audit import Actor
from privacy import services
from privacy.models import (
    DataExport,
    RequestEvent,
    SubjectLegalHold,
    SubjectRequest,
    SuppressedEmail,
)
from privacy.selectors import (
    request_list_with_deadline,
    request_work_waiting,
    subject_data_find,
)

PROCESS = "privacy.process_subjectrequest"
WORK_WAITING = _(
    "Saved, but the task queue cannot be reached right now. The work starts by itself as soon "
    "as it is back; nothing needs to be done again."
)


PARIS = ZoneInfo("Europe/Paris")


def paris_time(value: datetime.datetime | None) -> str:
    """Every time on these pages: Paris, with its zone (CET or CEST), never a bare UTC."""
    if value is None:
        return "-"
    return timezone.localtime(value, PARIS).strftime("%Y-%m-%d %H:%M %Z")


def _in_paris(found: list[dict]) -> list[dict]:
    """The sample rows of "Data found", their times in Paris like the rest of the page."""
    for place in found:
        for model in place["models"]:
            model["rows"] = [
                {
                    k: paris_time(v) if isinstance(v, datetime.datetime) else v
                    for k, v in row.items()
                }
                for row in model["rows"]
            ]
    return found


def days_left(subject_request: SubjectRequest) -> int | None:
    due = subject_request.effective_due_date
    return None if due is None else (due - timezone.localdate()).days


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
        today = timezone.localdate()
        qs = request_list_with_deadline(queryset=queryset)
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
    actions = ["verify_selected", "approve_selected", "execute_selected"]
    # Datetimes shown in Paris with their zone, the outcome as a list; the trail is the
    # timeline at the top of the page (change_form.html).
    readonly_fields = [
        f"{f.name}_paris" if isinstance(f, models.DateTimeField) else f.name
        for f in SubjectRequest._meta.fields
        if f.name != "outcome"
    ] + ["outcome_list"]
    fields = readonly_fields
    change_form_template = "admin/privacy/subjectrequest/change_form.html"
    change_list_template = "admin/privacy/subjectrequest/change_list.html"

    @admin.display(description=_("outcome"))
    def outcome_list(self, obj):
        return render_to_string("admin/privacy/subjectrequest/_outcome.html", {"req": obj})

    @admin.display(description=_("deadline"), ordering="due_date")
    def deadline(self, obj):
        due = obj.effective_due_date
        if due is None:
            return "-"
        if obj.is_open and due < timezone.localdate():
            return format_html(
                '<strong class="privacy-overdue" style="color:#b00020">{} ⚠ {}</strong>',
                date_format(due, "DATE_FORMAT"),  # as the other rows show it
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
        steps = ["verify", "approve", "reject", "extend", "execute", "retry"]
        extra = [
            path(
                f"<int:pk>/{step}/",
                self.admin_site.admin_view(self.step_view),
                {"step": step},
                name=f"privacy_subjectrequest_{step}",
            )
            for step in steps
        ]
        rectify = path(
            "<int:pk>/rectify/",
            self.admin_site.admin_view(self.rectify_view),
            name="privacy_subjectrequest_rectify",
        )
        sla = path(
            "sla/", self.admin_site.admin_view(self.sla_view), name="privacy_subjectrequest_sla"
        )
        return [sla, rectify, *extra, *super().get_urls()]

    def sla_view(self, request):
        """The monthly SLA report (?month=YYYY-MM, this month by default)."""
        from django.template.response import TemplateResponse

        from privacy.selectors import request_sla_report

        if not request.user.has_perm(PROCESS):
            raise PermissionDenied
        today = timezone.localdate()
        year, month = today.year, today.month
        wanted = request.GET.get("month", "")
        try:
            if wanted:
                parsed = datetime.datetime.strptime(wanted, "%Y-%m")
                if not 2000 <= parsed.year <= 2999:
                    raise ValueError(wanted)
                year, month = parsed.year, parsed.month
        except ValueError:
            self.message_user(request, _("Give the month as YYYY-MM."), messages.ERROR)
        report = request_sla_report(year=year, month=month, today=today)
        first = report["month"]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Monthly SLA report"),
            "opts": self.model._meta,
            "report": report,
            "previous": (first - datetime.timedelta(days=1)).strftime("%Y-%m"),
            "next": (first + datetime.timedelta(days=32)).strftime("%Y-%m"),
        }
        return TemplateResponse(request, "admin/privacy/subjectrequest/sla.html", context)

    def rectify_view(self, request, pk):
        """The staff form of a rectification: the person's records, corrected through the
        owning services; the request completes and the requester is told what changed."""
        from django.template.response import TemplateResponse

        from privacy.forms import rectify_forms
        from privacy.rectification import rectification_targets

        if not request.user.has_perm(PROCESS):
            raise PermissionDenied
        subject_request = get_object_or_404(SubjectRequest, pk=pk, type="rectification")
        back = reverse("admin:privacy_subjectrequest_change", args=[pk])
        targets = rectification_targets(subject_request=subject_request)
        bound = rectify_forms(targets=targets, data=request.POST or None)
        if request.method == "POST" and all(form.is_valid() for _t, form in bound):
            changes = {
                target.key: {
                    n: form.cleaned_data[n] for n in target.fields if n in form.changed_data
                }
                for target, form in bound
            }
            try:
                services.request_rectify(
                    subject_request=subject_request, actor=request.user, changes=changes
                )
            except services.RequestStateError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request, _("Corrected; the requester was told."), messages.SUCCESS
                )
                return HttpResponseRedirect(back)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Rectify the data"),
            "opts": self.model._meta,
            "original": subject_request,
            "forms": bound,
            "back": back,
        }
        return TemplateResponse(request, "admin/privacy/subjectrequest/rectify.html", context)

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
        if request_work_waiting(subject_request=subject_request):
            self.message_user(request, WORK_WAITING, messages.WARNING)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        left = days_left(obj) if obj else None
        extra = {
            "can_process": request.user.has_perm(PROCESS),
            "reject_form": RejectForm(prefix="reject"),
            "extend_form": ExtendForm(prefix="extend"),
            "found": _in_paris(subject_data_find(subject_request=obj)) if obj else [],
            "timeline": [
                {"at": paris_time(e.at), "actor": e.actor, "action": e.action, "note": e.note}
                for e in (obj.events.all() if obj else [])
            ],
            "days_left": left,
            "days_overdue": -left if left is not None and left < 0 else 0,
        }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})


def _paris_field(name: str, label):
    def show(self, obj):
        return paris_time(getattr(obj, name))

    show.short_description = label
    show.__name__ = f"{name}_paris"
    return show


for _field in SubjectRequest._meta.fields:
    if isinstance(_field, models.DateTimeField):
        setattr(
            SubjectRequestAdmin,
            f"{_field.name}_paris",
            _paris_field(_field.name, _field.verbose_name),
        )


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

    def save_model(self, request, obj, form, change):
        # Through the service: audited, and serialised with an erasure of the same person.
        services.legal_hold_save(hold=obj, actor=Actor.staff(request.user))

    # No permission reaches these; raising keeps an unaudited delete impossible all the same.
    def delete_model(self, request, obj):
        raise PermissionDenied

    def delete_queryset(self, request, queryset):
        raise PermissionDenied

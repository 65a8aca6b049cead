from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from careers import services
from careers.forms import ApplicationStatusForm
from careers.models import Application, JobOpening
from core.audit import Actor


@admin.register(JobOpening)
class JobOpeningAdmin(admin.ModelAdmin):
    list_display = ["title", "location", "is_published", "created_at"]
    list_filter = ["is_published"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    form = ApplicationStatusForm
    list_display = ["name", "opening", "created_at", "status", "employment_start", "employment_end"]
    list_filter = ["status", "opening"]
    search_fields = ["name", "email"]
    readonly_fields = ["opening", "name", "email", "phone", "cv_link", "cover_letter", "created_at"]
    fields = [*readonly_fields, "status", "employment_start", "employment_end"]
    actions = ["mark_rejected"]

    def has_add_permission(self, request):
        return False

    def delete_model(self, request, obj):
        services.application_delete(application=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for application in queryset:
            services.application_delete(application=application, actor=request.user)

    @admin.display(description=_("CV"))
    def cv_link(self, obj):
        url = reverse("admin:careers_application_cv", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download the CV (PDF)"))

    def get_urls(self):
        view = self.admin_site.admin_view(self.cv_download)
        return [path("<int:pk>/cv/", view, name="careers_application_cv"), *super().get_urls()]

    def cv_download(self, request, pk: int):
        application = get_object_or_404(Application, pk=pk)
        if not self.has_view_permission(request, application):
            raise PermissionDenied
        if not application.cv:
            raise Http404
        services.cv_download_record(application=application, actor=Actor.staff(request.user))
        return FileResponse(
            application.cv.open("rb"),
            as_attachment=True,
            filename=f"cv-{application.pk}.pdf",
            content_type="application/pdf",
        )

    def save_model(self, request, obj, form, change):
        services.application_status_set(
            application=obj,
            status=form.cleaned_data["status"],
            employment_start=form.cleaned_data["employment_start"],
            employment_end=form.cleaned_data["employment_end"],
            actor=request.user,
        )

    @admin.action(description=_("Mark the selected applicants rejected"), permissions=["change"])
    def mark_rejected(self, request, queryset):
        for application in queryset:
            try:
                services.application_status_set(
                    application=application, status=Application.Status.REJECTED, actor=request.user
                )
            except ValidationError as exc:
                self.message_user(request, "; ".join(exc.messages), messages.ERROR)

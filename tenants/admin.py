from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import get_public_schema_name

from tenants.forms import ExtranetChangeForm, ExtranetCreateForm
from tenants.models import Domain, Extranet


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0
    readonly_fields = ["domain", "is_primary"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Extranet)
class ExtranetAdmin(admin.ModelAdmin):
    form = ExtranetChangeForm
    list_display = ["name", "slug", "contract_start", "contract_end", "legal_hold", "created_at"]
    list_filter = ["legal_hold"]
    search_fields = ["name", "slug"]
    readonly_fields = ["schema_name", "slug", "provisioning_ms", "created_at", "updated_at"]
    fields = [
        "name",
        "slug",
        "schema_name",
        "contract_start",
        "contract_end",
        "legal_hold",
        "legal_hold_reason",
        "provisioning_ms",
        "created_at",
        "updated_at",
    ]
    inlines = [DomainInline]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(schema_name=get_public_schema_name())

    def has_delete_permission(self, request, obj=None):
        return False  # extranets are dropped by the retention engine, with warnings and archive

    def add_view(self, request, form_url="", extra_context=None):
        # This view replaces the admin's own, so it must make the admin's permission check.
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ExtranetCreateForm(request.POST or None)
        if request.method == "POST" and form.is_valid() and form.create(actor=request.user):
            result = form.provisioned
            self.message_user(
                request,
                # The setup link is not shown here: following it proves the admin's address,
                # so only its owner may have it.
                _(
                    "Extranet %(name)s created in %(ms)d ms. "
                    "A one-time password setup link was emailed to %(email)s."
                )
                % {
                    "name": result.extranet.name,
                    "ms": result.duration_ms,
                    "email": result.admin.email,
                },
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:tenants_extranet_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Create an extranet"),
            "form": form,
            "opts": self.model._meta,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/tenants/extranet/create.html", context)

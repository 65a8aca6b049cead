"""URLs of the public host: the public site and the staff back office."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from perfony import views
from privacy import views as privacy_views

admin.site.site_header = _("Perfony back office")
admin.site.site_title = _("Perfony back office")
admin.site.index_title = _("Staff back office")
# Staff log in through allauth (rate limits, second factor), never through the admin's own form.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("admin/observatory/", include("surveys.urls_observatory")),  # before admin's catch-all
    # The Art. 30 record of processing activities (privacy officers), also before the catch-all.
    path(
        "admin/privacy/register/",
        admin.site.admin_view(privacy_views.processing_register),
        name="privacy_register",
    ),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls_staff")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
    path("", include("privacy.urls_public")),
    path("", include("consent.urls")),
    path("", include("legal.urls")),
    path("", include("core.urls_public")),
    path("", include("prospects.urls")),
    path("careers/", include("careers.urls")),
    path("testimonials/", include("testimonials.urls")),
]

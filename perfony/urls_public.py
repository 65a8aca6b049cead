"""URLs of the public host: the public site and the staff back office."""

from django.contrib import admin
from django.urls import include, path

from perfony import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
    path("", include("core.urls_public")),
    path("", include("prospects.urls")),
    path("careers/", include("careers.urls")),
    path("testimonials/", include("testimonials.urls")),
]

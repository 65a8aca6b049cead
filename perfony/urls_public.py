"""URLs of the public host: the public site and the staff back office."""

from django.contrib import admin
from django.urls import include, path

from perfony import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
    path("", include("consent.urls")),
    path("", include("legal.urls")),
    path("", include("core.urls_public")),
]

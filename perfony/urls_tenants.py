"""URLs of an extranet host (<slug>.EXTRANET_DOMAIN). The staff back office is not mounted here."""

from django.urls import include, path

from perfony import views

urlpatterns = [
    path("accounts/", include("allauth.account.urls")),  # not allauth.urls: no MFA (staff only)
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
    path("", include("privacy.urls_tenant")),
    path("", include("extranet.urls")),
    path("", include("security.urls")),
    path("", include("consent.urls_tenant")),
    path("", include("legal.urls")),
    path("", include("core.urls_tenant")),
    path("", include("meetings.urls")),
    path("", include("surveys.urls")),
]

"""URLs of an extranet host (<slug>.EXTRANET_DOMAIN). The staff back office is not mounted here."""

from django.http import Http404
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from perfony import views


# --- allauth's address management is not served (issue 11) ---------------------------------
# It made an address nobody proved the account's email. /preferences/email/ is the only way to
# change an address; these come before allauth.urls so they win, and keep the names that
# allauth's templates reverse.
def _not_served(request, **kwargs):
    raise Http404


_ALLAUTH_EMAIL_MANAGEMENT = [
    path(
        "accounts/email/",
        RedirectView.as_view(pattern_name="extranet:preferences"),
        name="account_email",
    ),
    path("accounts/confirm-email/", _not_served, name="account_email_verification_sent"),
    re_path(r"^accounts/confirm-email/(?P<key>[-:\w]+)/$", _not_served),
]

urlpatterns = [
    *_ALLAUTH_EMAIL_MANAGEMENT,
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

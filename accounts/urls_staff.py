"""allauth on the public host, for staff: login (rate limited), re-authentication and MFA.

Only what the back office needs: no signup, no email management, no password reset by email.
Extranet hosts mount allauth.account's urls without allauth.mfa (perfony/urls_tenants.py).
"""

from allauth.account import views
from django.urls import include, path

urlpatterns = [
    path("login/", views.login, name="account_login"),
    path("logout/", views.logout, name="account_logout"),
    path("inactive/", views.account_inactive, name="account_inactive"),
    path("reauthenticate/", views.reauthenticate, name="account_reauthenticate"),
    path("2fa/", include("allauth.mfa.urls")),
]

from django.urls import path

from consent import views

urlpatterns = [
    path("consent/", views.consent_submit, name="consent_submit"),
    path("consent/settings/", views.consent_settings, name="consent_settings"),
]

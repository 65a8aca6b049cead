from django.urls import path

from consent import views

urlpatterns = [
    path("consent/", views.consent_submit, name="consent_submit"),
    path("consent/settings/", views.consent_settings, name="consent_settings"),
    path("consent/receipt/", views.consent_receipt_download, name="consent_receipt"),
]

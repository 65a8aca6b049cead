from django.urls import path

from consent import views
from consent.urls import urlpatterns as shared

urlpatterns = [
    *shared,
    path("consent/records/", views.consent_records, name="consent_records"),
]

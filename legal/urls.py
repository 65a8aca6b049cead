from django.urls import path

from legal import views

urlpatterns = [
    path("privacy/", views.privacy_policy, name="privacy_policy"),
    path("cookies/", views.cookie_policy, name="cookie_policy"),
    path("legal-notice/", views.legal_notice, name="legal_notice"),
]

"""Mounted under the staff back office (public host only); see perfony/urls_public.py."""

from django.urls import path

from surveys import views

urlpatterns = [path("", views.observatory, name="surveys_observatory")]

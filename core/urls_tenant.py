from django.urls import path

from core import views

urlpatterns = [
    path("", views.extranet_home, name="home"),
]

from django.urls import path

from core import views

urlpatterns = [
    path("", views.public_home, name="home"),
]

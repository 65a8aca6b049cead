from django.urls import path

from careers import views

app_name = "careers"

urlpatterns = [
    path("", views.opening_list, name="list"),
    path("apply/", views.apply, name="apply_open"),
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("sent/", views.done, name="done"),
]

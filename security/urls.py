from django.urls import path

from security import views

app_name = "security"

urlpatterns = [
    path("activity/", views.my_activity, name="my_activity"),
    path("activity/extranet/", views.extranet_activity, name="extranet_activity"),
]

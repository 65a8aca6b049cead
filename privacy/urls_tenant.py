from django.urls import path

from privacy import views

app_name = "privacy"
urlpatterns = [
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/exports/<int:export_id>/", views.my_export, name="my_export"),
    path("privacy-requests/", views.extranet_requests, name="extranet_requests"),
    path("my-data/requests/<int:request_id>/cancel/", views.my_request_cancel, name="my_cancel"),
]

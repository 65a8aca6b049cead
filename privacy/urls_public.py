from django.urls import path

from privacy import views

app_name = "privacy"
urlpatterns = [
    path("dpo/", views.dpo, name="dpo"),
    path("dpo/verify/<str:token>/", views.dpo_verify, name="dpo_verify"),
    path("dpo/export/<str:token>/", views.dpo_export, name="dpo_export"),
    path("dpo/cancel/<str:token>/", views.dpo_cancel, name="dpo_cancel"),
]

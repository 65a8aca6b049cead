from django.urls import path

from testimonials import views

app_name = "testimonials"

urlpatterns = [
    path("", views.testimonial_list, name="list"),
    path("consent/<str:token>/", views.consent, name="consent"),
    path("revoke/<str:token>/", views.revoke, name="revoke"),
    path("<int:pk>/logo/", views.logo, name="logo"),
]

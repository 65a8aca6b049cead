from django.urls import path

from prospects import views

app_name = "prospects"

urlpatterns = [
    path("contact/", views.contact, name="contact"),
    path("contact/sent/", views.contact_done, name="contact_done"),
    path("newsletter/", views.newsletter, name="newsletter"),
    path("newsletter/sent/", views.newsletter_done, name="newsletter_done"),
    path("newsletter/confirm/<str:token>/", views.newsletter_confirm, name="newsletter_confirm"),
    path(
        "newsletter/unsubscribe/<str:token>/",
        views.newsletter_unsubscribe,
        name="newsletter_unsubscribe",
    ),
    path("referral/", views.referral, name="referral"),
    path("referral/sent/", views.referral_done, name="referral_done"),
]

from django.urls import path

from extranet import views

app_name = "extranet"

urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("preferences/avatar/", views.avatar_upload, name="avatar_upload"),
    path("preferences/email/", views.email_change, name="email_change"),
    path("preferences/email/<str:token>/", views.email_confirm, name="email_confirm"),
    path("preferences/company/", views.company, name="company"),
    path("avatars/<int:user_id>/", views.avatar, name="avatar"),
    path("members/", views.members, name="members"),
    path("members/<int:user_id>/", views.member_update, name="member_update"),
    path(
        "members/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
]

from django.urls import path

from surveys import views

urlpatterns = [
    path("meetings/<int:pk>/survey/", views.survey_invite_view, name="survey_invite"),
    path("surveys/<int:pk>/", views.survey_answer_view, name="survey_answer"),
    path("surveys/results/", views.survey_results, name="survey_results"),
]

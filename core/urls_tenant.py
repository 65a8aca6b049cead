# The extranet dashboard at "/" lives in meetings/urls.py (meetings.views.dashboard).
urlpatterns: list = []

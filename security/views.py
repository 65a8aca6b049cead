from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from extranet.decorators import extranet_admin_required
from security import selectors


@login_required
def my_activity(request):
    events = selectors.security_event_list_for_user(user=request.user)
    return render(request, "security/activity.html", {"events": events, "extranet_wide": False})


@extranet_admin_required
def extranet_activity(request):
    events = selectors.security_event_list_for_extranet()
    return render(request, "security/activity.html", {"events": events, "extranet_wide": True})

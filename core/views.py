from django.contrib.auth.decorators import login_required
from django.shortcuts import render


def public_home(request):
    return render(request, "public/home.html")


@login_required
def extranet_home(request):
    return render(request, "extranet/home.html")

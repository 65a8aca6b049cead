from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def extranet_admin_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_extranet_admin:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper

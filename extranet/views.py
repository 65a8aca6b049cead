from allauth.account import signals as allauth_signals
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.selectors import email_is_verified
from extranet import selectors, services
from extranet.decorators import extranet_admin_required
from extranet.forms import (
    AvatarForm,
    CompanyForm,
    EmailChangeForm,
    InvitationAcceptForm,
    InvitationForm,
    ProfileForm,
)


def _fresh_user(request) -> User:
    # Forms work on a fresh copy, so an invalid post never alters request.user for the page.
    return User.objects.get(pk=request.user.pk)


def _region() -> str:
    """The extranet's country: the default region of the phone numbers its members type."""
    return selectors.company_profile_get().country


def _preferences_page(request, *, status=200, **forms):
    user = _fresh_user(request)
    context = {
        "profile_form": forms.get("profile_form") or ProfileForm(instance=user, region=_region()),
        "avatar_form": forms.get("avatar_form") or AvatarForm(),
        "email_form": forms.get("email_form") or EmailChangeForm(user=user),
        "email_verified": email_is_verified(user=user),
    }
    return render(request, "extranet/preferences.html", context, status=status)


@login_required
def preferences(request):
    if request.method != "POST":
        return _preferences_page(request)
    form = ProfileForm(request.POST, instance=_fresh_user(request), region=_region())
    if not form.is_valid():
        return _preferences_page(request, status=400, profile_form=form)
    services.profile_update(user=_fresh_user(request), data=form.cleaned_data)
    messages.success(request, _("Your details are saved."))
    return redirect("extranet:preferences")


@login_required
@require_POST
def avatar_upload(request):
    if "remove" in request.POST:
        services.avatar_remove(user=_fresh_user(request))
        messages.success(request, _("Your photo is removed."))
        return redirect("extranet:preferences")
    form = AvatarForm(request.POST, request.FILES)
    if not form.is_valid():
        return _preferences_page(request, status=400, avatar_form=form)
    services.avatar_set(user=_fresh_user(request), upload=form.cleaned_data["avatar"])
    messages.success(request, _("Your photo is saved."))
    return redirect("extranet:preferences")


@login_required
def avatar(request, user_id: int):
    """Avatars are only served here, to members of this extranet; never under /media/."""
    member = get_object_or_404(User, pk=user_id)
    if not selectors.avatar_belongs_here(user=member):
        raise Http404
    try:
        handle = member.avatar.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/webp")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def email_change(request):
    user = _fresh_user(request)
    form = EmailChangeForm(request.POST, user=user)
    if not form.is_valid():
        return _preferences_page(request, status=400, email_form=form)
    services.email_change_request(
        user=user, new_email=form.cleaned_data["email"], extranet=request.tenant
    )
    messages.success(
        request,
        _("We sent a confirmation link to %(email)s. Your address changes once you click it.")
        % {"email": form.cleaned_data["email"]},
    )
    return redirect("extranet:preferences")


@login_required
def email_confirm(request, token: str):
    """GET shows the old and the new address and a button; only the POST changes anything."""
    user = _fresh_user(request)
    if request.method != "POST":
        try:
            change = selectors.email_change_read(
                user=user, token=token, schema_name=request.tenant.schema_name
            )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
            return redirect("extranet:preferences")
        return render(request, "extranet/email_confirm.html", {"token": token, "change": change})
    try:
        with transaction.atomic():
            change = services.email_change_confirm(user=user, token=token, extranet=request.tenant)
            if change.is_verification:
                messages.success(request, _("Your email address is verified."))
                return redirect("extranet:preferences")
            # The security log records the change with this request's IP and browser.
            allauth_signals.email_changed.send(
                sender=User,
                request=request,
                user=change.user,
                from_email_address=None,
                to_email_address=None,
            )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("extranet:preferences")
    messages.success(request, _("Your email address is changed."))
    return redirect("extranet:preferences")


@extranet_admin_required
def company(request):
    profile = selectors.company_profile_get()
    initial = {
        "name": request.tenant.name,
        "postal_address": profile.postal_address,
        "sector": profile.sector,
        "country": profile.country,
    }
    form = CompanyForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            services.company_update(
                actor=request.user, extranet=request.tenant, data=form.cleaned_data
            )
            messages.success(request, _("The company information is saved."))
            return redirect("extranet:company")
        return render(request, "extranet/company.html", {"form": form}, status=400)
    return render(request, "extranet/company.html", {"form": form})


@extranet_admin_required
def members(request):
    form = InvitationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.invitation_create(
                email=form.cleaned_data["email"], invited_by=request.user, extranet=request.tenant
            )
            messages.success(
                request,
                _("Invitation sent to %(email)s. The link is valid for 7 days.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("extranet:members")
        status = 400
    context = {
        "members": selectors.member_list(),
        "sole_admin": selectors.admin_sole(),
        "invitations": selectors.invitation_pending_list(),
        "form": form,
    }
    return render(request, "extranet/members.html", context, status=status)


MEMBER_DONE = {
    "deactivate": _lazy("%(name)s is deactivated: they can no longer log in. Their data is kept."),
    "activate": _lazy("%(name)s is reactivated and can log in again."),
    "grant_admin": _lazy("%(name)s is now an admin of this extranet."),
    "remove_admin": _lazy("%(name)s is no longer an admin; they stay a member."),
}


@extranet_admin_required
@require_POST
def member_update(request, user_id: int):
    member = get_object_or_404(User, pk=user_id)
    action = request.POST.get("action", "")
    if action not in MEMBER_DONE:
        messages.error(request, _("Unknown action."))
        return redirect("extranet:members")
    try:
        if action in ("deactivate", "activate"):
            services.member_set_active(
                actor=request.user, member=member, active=action == "activate"
            )
        else:
            services.member_set_admin(
                actor=request.user, member=member, is_admin=action == "grant_admin"
            )
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect("extranet:members")
    messages.success(request, MEMBER_DONE[action] % {"name": member})
    return redirect("extranet:members")


@extranet_admin_required
@require_POST
def invitation_revoke(request, invitation_id: int):
    invitation = get_object_or_404(selectors.invitation_pending_list(), pk=invitation_id)
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("extranet:members")
    messages.success(
        request,
        _("The invitation to %(email)s is revoked: its link no longer works.")
        % {"email": invitation.email},
    )
    return redirect("extranet:members")


def invitation_accept(request, token: str):
    invitation = selectors.invitation_for_token(token=token)
    if invitation is None:
        return render(request, "extranet/invitation_invalid.html", status=404)
    form = InvitationAcceptForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_accept(
                invitation=invitation,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                return render(request, "extranet/invitation_invalid.html", status=404)
            form.add_error(None, exc)  # a name taken meanwhile: shown on its field
        else:
            messages.success(request, _("Your account is ready. Log in with your new password."))
            return redirect("account_login")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "invitation": invitation}
    return render(request, "extranet/invitation_accept.html", context, status=status)

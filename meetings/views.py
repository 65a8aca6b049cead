from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from meetings import selectors, services
from meetings.forms import ActionForm, ActionPlanFilterForm, MeetingForm
from surveys.charts import score_chart_svg
from surveys.models import MIN_ANSWERS
from surveys.selectors import (
    survey_pending_for_user,
    survey_score_trend,
    survey_summary_for_meeting,
)

PAGE_SIZE = 20


def _meeting_or_404(request, pk):
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
    if meeting is None:
        raise Http404(_("No such meeting."))
    return meeting


def _action_or_404(request, pk):
    action = selectors.action_get_for_user(user=request.user, pk=pk)
    if action is None:
        raise Http404(_("No such action."))
    return action


@login_required
def dashboard(request):
    today = timezone.localdate()
    open_actions = list(selectors.action_open_for_owner(user=request.user)[:20])
    trend = survey_score_trend(user=request.user)
    return render(
        request,
        "meetings/dashboard.html",
        {
            "open_actions": open_actions,
            "late_count": sum(1 for action in open_actions if action.is_overdue),
            "this_week": selectors.meeting_this_week_for_user(user=request.user, today=today),
            "upcoming": selectors.meeting_upcoming_for_user(user=request.user),
            "surveys": survey_pending_for_user(user=request.user),
            "last_score": trend[-1] if trend else None,
            "score_chart": score_chart_svg(points=trend, title=_("Survey score per month"))
            if len(trend) > 1
            else None,
            "min_answers": MIN_ANSWERS,
            "today": today,
        },
    )


@login_required
def meeting_list(request):
    meetings = selectors.meeting_list_for_user(user=request.user)
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "meetings/meeting_list.html", {"page": page, "now": timezone.now()})


@login_required
def meeting_detail(request, pk):
    meeting = _meeting_or_404(request, pk)
    can_edit = selectors.meeting_can_edit(user=request.user, meeting=meeting)
    context = {
        "meeting": meeting,
        "can_edit": can_edit,
        "participants": meeting.participants.order_by("first_name", "last_name", "username"),
        "agenda": meeting.agenda_items.all(),
        "actions": meeting.actions.select_related("owner").order_by("status", "due_date"),
        "summary": survey_summary_for_meeting(meeting=meeting) if can_edit else None,
        "today": timezone.localdate(),
        "min_answers": MIN_ANSWERS,
    }
    return render(request, "meetings/meeting_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Meeting created."))
        return redirect("meeting_detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = _meeting_or_404(request, pk)
    if not selectors.meeting_can_edit(user=request.user, meeting=meeting):
        raise PermissionDenied
    form = MeetingForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        services.meeting_update(
            actor=request.user,
            meeting=meeting,
            participants=data.pop("participants"),
            agenda=data.pop("agenda"),
            **data,
        )
        messages.success(request, _("Meeting saved."))
        return redirect("meeting_detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})


def _filtered(request, actions, owners):
    form = ActionPlanFilterForm(request.GET or None, owners=owners)
    filters = selectors.ActionFilter()
    if form.is_valid():
        owner = form.cleaned_data["owner"]
        filters = selectors.ActionFilter(
            owner_id=owner.pk if owner else None, status=form.cleaned_data["status"] or None
        )
    return form, selectors.action_plan(actions=actions, filters=filters)


@login_required
def meeting_actions(request, pk):
    meeting = _meeting_or_404(request, pk)
    form, actions = _filtered(
        request, meeting.actions.select_related("owner"), meeting.participants.all()
    )
    return render(
        request,
        "meetings/action_plan.html",
        {"meeting": meeting, "form": form, "actions": actions, "today": timezone.localdate()},
    )


@login_required
def action_list(request):
    actions = selectors.action_list_for_user(user=request.user)
    form, actions = _filtered(request, actions, selectors.user_choices())
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "meetings/action_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "today": timezone.localdate()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request):
    meetings = selectors.meeting_choices_for_action(user=request.user)
    initial = {"owner": request.user}
    meeting_id = request.GET.get("meeting", "")
    if meeting_id.isdecimal():  # isdigit() accepts "²", which int() refuses
        initial["meeting"] = meetings.filter(pk=int(meeting_id)).first()
    form = ActionForm(request.POST or None, meetings=meetings, initial=initial)
    if request.method == "POST" and form.is_valid():
        action = services.action_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Action created."))
        return redirect(_after_action(action))
    return render(request, "meetings/action_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, pk):
    # An action plan is the team's: whoever sees an action may update it (the audit trail
    # records who did).
    action = _action_or_404(request, pk)
    meetings = selectors.meeting_choices_for_action(user=request.user, action=action)
    form = ActionForm(request.POST or None, meetings=meetings, action=action)
    if request.method == "POST" and form.is_valid():
        services.action_update(actor=request.user, action=action, **form.cleaned_data)
        messages.success(request, _("Action saved."))
        return redirect(_after_action(action))
    return render(request, "meetings/action_form.html", {"form": form, "action": action})


def _after_action(action):
    if action.meeting_id:
        return reverse("meeting_actions", kwargs={"pk": action.meeting_id})
    return reverse("action_list")

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from meetings.selectors import meeting_can_edit, meeting_get_for_user
from surveys import selectors
from surveys.forms import SurveyResponseForm
from surveys.models import MIN_ANSWERS
from surveys.observatory import observatory_report
from surveys.services import SurveyError, survey_answer, survey_invite

# Cross-extranet figures: staff status alone is not enough (superusers have every permission).
OBSERVATORY_PERMISSION = "tenants.view_survey_observatory"


@login_required
@require_POST
def survey_invite_view(request, pk):
    meeting = meeting_get_for_user(user=request.user, pk=pk)
    if meeting is None:
        raise Http404(_("No such meeting."))
    if not meeting_can_edit(user=request.user, meeting=meeting):
        raise PermissionDenied
    try:
        ids = survey_invite(actor=request.user, meeting=meeting)
    except SurveyError:
        messages.error(request, _("Participants can be asked for feedback once the meeting ends."))
    else:
        text = ngettext(
            "%(count)d participant was invited to rate this meeting.",
            "%(count)d participants were invited to rate this meeting.",
            len(ids),
        )
        messages.success(request, text % {"count": len(ids)})
    return redirect("meeting_detail", pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def survey_answer_view(request, pk):
    invitation = selectors.survey_invitation_for_user(user=request.user, pk=pk)
    if invitation is None:
        raise Http404(_("No such survey."))
    if selectors.survey_response_exists(invitation=invitation):
        return render(request, "surveys/answered.html", {"invitation": invitation})
    form = SurveyResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey_answer(invitation=invitation, **form.cleaned_data)
        except SurveyError:
            return render(request, "surveys/answered.html", {"invitation": invitation})
        messages.success(request, _("Thank you for your feedback."))
        return redirect("home")
    return render(request, "surveys/answer.html", {"invitation": invitation, "form": form})


@login_required
def survey_results(request):
    meetings = selectors.survey_meetings_for_results(user=request.user)
    context = {
        "monthly": selectors.survey_monthly_scores_of_shown_meetings(meetings=meetings),
        "per_meeting": selectors.survey_meeting_scores(meetings=meetings),
        "min_answers": MIN_ANSWERS,
    }
    return render(request, "surveys/results.html", context)


@staff_member_required
@permission_required(OBSERVATORY_PERMISSION, raise_exception=True)
def observatory(request):
    context = {
        **admin.site.each_context(request),
        "title": _("Meeting-quality observatory"),
        "report": observatory_report(),
        "min_answers": MIN_ANSWERS,
    }
    return render(request, "admin/surveys/observatory.html", context)

from django.utils.translation import gettext_lazy as _

from privacy.registry import (
    KEEP,
    PERSONAL,
    PersonalModel,
    Scope,
    Source,
    by_user,
    legitimate_interest,
    register,
)

_QUALITY = legitimate_interest(_("measuring and improving the quality of meetings"))

register(
    PersonalModel(
        model="surveys.SurveyResponse",
        category="meeting_surveys",
        description=_("Your ratings and comments about meetings you attended."),
        purpose=_("Measuring and improving meeting quality (shown to others only in aggregate)."),
        legal_basis=_QUALITY,
        scope=Scope.TENANT,
        subject=by_user("respondent"),
        fields={
            "id": KEEP,
            "meeting": KEEP,
            "respondent": KEEP,
            "preparation": PERSONAL,
            "time_keeping": PERSONAL,
            "decisions": PERSONAL,
            "action_clarity": PERSONAL,
            "comment": PERSONAL,
            "created_at": KEEP,
        },
    )
)

register(
    PersonalModel(
        model="surveys.SurveyInvitation",
        category="meeting_surveys",
        description=_("Invitations you received to rate a meeting."),
        purpose=_("Asking participants for feedback once, by email and on the dashboard."),
        legal_basis=_QUALITY,
        scope=Scope.TENANT,
        subject=by_user("user"),
        recipients=("hosting", "email"),
        sources=(Source.OBSERVED,),
        fields={
            "id": KEEP,
            "meeting": KEEP,
            "user": KEEP,
            "created_at": KEEP,
            "emailed_at": KEEP,
        },
    )
)

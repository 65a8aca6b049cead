from django.utils.translation import gettext_lazy as _

from privacy.registry import KEEP, PERSONAL, PersonalModel, register

register(
    PersonalModel(
        model="surveys.SurveyResponse",
        category="meeting_surveys",
        description=_("Your ratings and comments about meetings you attended."),
        purpose=_("Measuring and improving meeting quality (shown to others only in aggregate)."),
        retention=_("Deleted with your account or by the retention engine."),
        scope="tenant",
        subject="respondent",
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
        retention=_("Deleted with your account or by the retention engine."),
        scope="tenant",
        subject="user",
        fields={
            "id": KEEP,
            "meeting": KEEP,
            "user": KEEP,
            "created_at": KEEP,
            "emailed_at": KEEP,
        },
    )
)

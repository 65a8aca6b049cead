from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting

COMMENT_MAX = 2000
# Fewer answers than this and an average or a comment could point at one person.
MIN_ANSWERS = 3

QUESTIONS = [
    ("preparation", _("Preparation")),
    ("time_keeping", _("Time keeping")),
    ("decisions", _("Decisions")),
    ("action_clarity", _("Clarity of actions")),
]


def _rating(label):
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class SurveyInvitation(models.Model):
    """A participant asked for feedback on one meeting (by email and a dashboard notice)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="survey_invitations",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], name="surveys_invitation_once_per_meeting"
            )
        ]

    def __str__(self):
        return f"{self.meeting} / {self.user}"


class SurveyResponse(models.Model):
    """One person's answer about one meeting. Personal: exported and erased with them."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="responses"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("respondent"),
        on_delete=models.CASCADE,
        related_name="survey_responses",
    )
    preparation = _rating(_("Preparation"))
    time_keeping = _rating(_("Time keeping"))
    decisions = _rating(_("Decisions"))
    action_clarity = _rating(_("Clarity of actions"))
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX, blank=True)
    created_at = models.DateTimeField(_("answered"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "respondent"], name="surveys_response_once_per_meeting"
            ),
            models.CheckConstraint(
                condition=models.Q(preparation__range=(1, 5))
                & models.Q(time_keeping__range=(1, 5))
                & models.Q(decisions__range=(1, 5))
                & models.Q(action_clarity__range=(1, 5)),
                name="surveys_response_ratings_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.meeting} / {self.respondent}"

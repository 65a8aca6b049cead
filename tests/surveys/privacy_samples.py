from datetime import timedelta

from django.utils import timezone

from meetings.models import Meeting
from surveys.models import SurveyInvitation, SurveyResponse
from tests.privacy.samples import sample_builder


def _meeting(person) -> Meeting:
    if "meeting" not in person.extra:
        start = timezone.now() - timedelta(days=2)
        person.extra["meeting"] = Meeting.objects.create(
            title="Weekly sync", starts_at=start, ends_at=start + timedelta(hours=1)
        )
    return person.extra["meeting"]


@sample_builder("surveys.SurveyInvitation")
def build_invitation(person):
    SurveyInvitation.objects.create(meeting=_meeting(person), user=person.user)


@sample_builder("surveys.SurveyResponse")
def build_response(person):
    SurveyResponse.objects.create(
        meeting=_meeting(person),
        respondent=person.user,
        preparation=4,
        time_keeping=3,
        decisions=5,
        action_clarity=4,
        comment=f"Signed {person.first_name} {person.last_name}, reach me at {person.email}",
    )

import factory
from factory.django import DjangoModelFactory

from surveys.models import SurveyInvitation, SurveyResponse
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = SurveyInvitation

    meeting = factory.SubFactory(MeetingFactory)
    user = factory.SubFactory(UserFactory)


class ResponseFactory(DjangoModelFactory):
    class Meta:
        model = SurveyResponse

    meeting = factory.SubFactory(MeetingFactory)
    respondent = factory.SubFactory(UserFactory)
    preparation = 3
    time_keeping = 3
    decisions = 3
    action_clarity = 3

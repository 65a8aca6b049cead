from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from meetings.models import ActionItem, Meeting
from tests.factories import UserFactory


class MeetingFactory(DjangoModelFactory):
    """A meeting in whatever schema the connection is set to; organiser is a participant."""

    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + timedelta(hours=1))
    organiser = factory.SubFactory(UserFactory)

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        if not create:
            return
        self.participants.add(self.organiser, *(extracted or []))


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = ActionItem

    description = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.SubFactory(UserFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    created_by = factory.SelfAttribute("owner")

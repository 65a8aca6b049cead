from factory.django import DjangoModelFactory

from careers.models import JobOpening


class JobOpeningFactory(DjangoModelFactory):
    class Meta:
        model = JobOpening

    title = "Django developer"
    location = "Paris"
    description = "Build the platform."
    is_published = True

import factory
from factory.django import DjangoModelFactory

from accounts.models import User

PASSWORD = "correct horse battery staple"


class UserFactory(DjangoModelFactory):
    """Creates a user in whatever schema the connection is set to."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(PASSWORD)

from accounts.models import User
from tests.privacy.samples import sample_builder


@sample_builder("accounts.User")
def build_user(person):
    # Runs first (the harness needs person.user for every other tenant builder).
    person.user = User.objects.create_user(
        username=person.username,
        email=person.email,
        password="correct horse battery staple",
        first_name=person.first_name,
        last_name=person.last_name,
        phone=person.phone,
        postal_address="12 rue de la Paix, 75002 Paris",
        position="Head of operations",
    )

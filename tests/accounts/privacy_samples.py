from django.core.files.base import ContentFile

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
        postal_address=person.address or "1 rue Sample, 75001 Paris",
        position="Head of operations",
    )
    # The photo: its bytes carry the address, so a file left on disk is found by content too.
    avatar = b"RIFF\x00\x00\x00\x00WEBPVP8 " + person.email.encode()
    person.user.avatar.save("avatar.webp", ContentFile(avatar), save=True)
    person.extra.setdefault("files", []).append(person.user.avatar.path)


@sample_builder("mfa.Authenticator", subject_rows=False)
def build_staff_authenticator(person):
    # Only staff hold second factors; a data subject's request must leave them untouched.
    from allauth.mfa.models import Authenticator

    staff, _ = User.objects.get_or_create(username="sample-staff", defaults={"is_staff": True})
    Authenticator.objects.get_or_create(
        user=staff, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}}
    )

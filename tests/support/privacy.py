"""The people of the privacy proofs, a sample person in every registered model, subject
requests run as staff would, exports."""

from accounts.models import User
from privacy import services
from privacy.registry import registry
from tests.privacy.samples import Person, builders_discover
from tests.support.tenants import in_schema


def subject_person_new() -> Person:
    """The data subject of the proofs."""
    return Person(
        "Zebulon",
        "Quenby",
        "zebulon.quenby@example.org",
        "+33 6 11 22 33 44",
        "zquenby",
        ip="198.51.100.23",
        address="12 rue de la Paix, 75002 Paris",
    )


def other_person_new() -> Person:
    """Another person beside the subject, whose data must stay intact."""
    return Person(
        "Ottilie",
        "Varga",
        "ottilie.varga@example.org",
        "+33 6 99 88 77 66",
        "ovarga",
        ip="198.51.100.77",
        address="3 quai Voltaire, 75007 Paris",
    )


def staff_superuser_create() -> User:
    """The staff member (public schema) who handles the requests."""
    return User.objects.create_superuser("root-staff", "root@perfony.com", "pw-Perfony-1")


def person_populate(person: Person, *extranets) -> None:
    """Give the person rows in every registered model: public ones, then each extranet's (an
    account in each); `person.user` is then their account in the first extranet."""
    builders = builders_discover()
    with in_schema("public"):
        for entry in registry.entries():
            if entry.scope == "public":  # models in both schemas hold this person in extranets
                builders[entry.model.lower()].build(person)
    users = []
    for extranet in extranets:
        with in_schema(extranet):
            builders["accounts.user"].build(person)
            users.append(person.user)
            for entry in registry.entries(scope="tenant"):
                if entry.model.lower() != "accounts.user":
                    builders[entry.model.lower()].build(person)
    person.user = users[0] if users else None


def request_through(*, email, type, actor, **kwargs):
    """File at /dpo/, verify, approve and execute, as staff would."""
    subject_request = services.request_file_public(type=type, email=email, **kwargs)
    services.request_verify(subject_request=subject_request, actor=actor)
    services.request_approve(subject_request=subject_request, actor=actor)
    services.request_execute(subject_request=subject_request, actor=actor)
    subject_request.refresh_from_db()
    return subject_request


def export_zip(export):
    """The export's ZIP as its owner downloads it (decrypted; the file at rest is not a ZIP)."""
    import io
    import zipfile

    from privacy.selectors import export_plaintext_chunks

    return zipfile.ZipFile(io.BytesIO(b"".join(export_plaintext_chunks(export=export))))

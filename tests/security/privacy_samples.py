from security.models import KnownBrowser, SecurityEvent
from tests.privacy.samples import sample_builder


@sample_builder("security.SecurityEvent")
def build_event(person):
    SecurityEvent.objects.create(
        user=person.user,
        kind=SecurityEvent.Kind.LOGIN,
        ip=person.ip,
        user_agent="Mozilla/5.0",
    )
    SecurityEvent.objects.create(
        user=person.user,
        kind=SecurityEvent.Kind.LOGIN_FAILED,
        ip=person.ip,
        user_agent="Mozilla/5.0",
    )


@sample_builder("security.KnownBrowser")
def build_known_browser(person):
    KnownBrowser.objects.create(user=person.user, browser_hash="b" * 64)

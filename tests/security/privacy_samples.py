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
        attempted_login=person.email,
    )
    # A failed login with the address typed, matching no account of this extranet: the row
    # names the person without pointing at their user.
    SecurityEvent.objects.create(
        user=None,
        kind=SecurityEvent.Kind.LOGIN_FAILED,
        ip=person.ip,
        user_agent="Mozilla/5.0",
        attempted_login=person.email.upper(),
    )


@sample_builder("security.KnownBrowser")
def build_known_browser(person):
    KnownBrowser.objects.create(user=person.user, browser_hash="b" * 64)

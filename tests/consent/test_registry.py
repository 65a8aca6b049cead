import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path

from consent import cookies


def test_categories_are_the_five_agreed_ones():
    assert cookies.CATEGORY_KEYS == (
        "necessary",
        "preferences",
        "audience",
        "analytics",
        "advertising",
    )
    assert [c.key for c in cookies.CATEGORIES if c.required] == ["necessary"]


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("sessionid", "necessary"),
        ("__Host-sessionid", "necessary"),
        ("csrftoken", "necessary"),
        ("__Host-csrftoken", "necessary"),
        ("pf_consent", "necessary"),
        ("pf_bid", "preferences"),
        ("django_language", "preferences"),
        ("_ga", "analytics"),
        ("_ga_ABC123", "analytics"),
    ],
)
def test_platform_cookies_are_declared(name, category):
    assert cookies.cookie_lookup(name).category == category


def test_every_entry_is_complete():
    for cookie in cookies.COOKIES:
        assert cookies.category_get(cookie.category) is not None, cookie.name
        assert cookie.party in {"first", "third"}
        assert str(cookie.purpose) and str(cookie.lifetime)
    for script in cookies.SCRIPTS:
        assert cookies.category_get(script.category) is not None
        assert script.category != "necessary"


def test_unknown_cookie_is_not_in_the_registry():
    assert cookies.cookie_lookup("tracker") is None


@override_settings(CONSENT_MAX_AGE_DAYS=365)
def test_max_age_is_capped_at_100_days():
    assert cookies.max_age_seconds() == 8_640_000


@override_settings(CONSENT_MAX_AGE_DAYS=30)
def test_max_age_can_be_shorter():
    assert cookies.max_age_seconds() == 30 * 86400


def _sets_unknown_cookie(request):
    response = HttpResponse("ok")
    response.set_cookie("tracker", "1")
    return response


urlpatterns = [path("probe/", _sets_unknown_cookie)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_response_setting_an_unregistered_cookie_fails_the_test(acme_client):
    # The autouse fixture in tests/conftest.py wraps every test client.
    with pytest.raises(AssertionError, match="tracker"):
        acme_client.get("/probe/")


def test_fingerprint_changes_when_a_cookie_is_added(monkeypatch):
    before = cookies.registry_fingerprint()
    extra = cookies.Cookie("new_one", "audience", "x", "1 day", "first")
    monkeypatch.setattr(cookies, "COOKIES", (*cookies.COOKIES, extra))
    cookies.registry_fingerprint.cache_clear()
    try:
        assert cookies.registry_fingerprint() != before
    finally:
        monkeypatch.undo()
        cookies.registry_fingerprint.cache_clear()
    assert cookies.registry_fingerprint() == before


def test_the_csrf_cookie_lives_at_most_100_days(public_client):
    # Privacy policy: every cookie has a maximum validity of 100 days.
    response = public_client.get("/contact/")
    cookie = response.cookies["csrftoken"]
    assert 0 < int(cookie["max-age"]) <= 100 * 24 * 3600
    assert "1 year" not in str(cookies.cookie_lookup("csrftoken").lifetime)

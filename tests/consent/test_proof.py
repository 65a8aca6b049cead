import uuid

import pytest
from django.db import connection
from django.test import override_settings

from accounts.models import User
from consent.models import ConsentRecord
from consent.selectors import ip_truncate
from tests.factories import PASSWORD, UserFactory
from tests.support.tenants import in_schema


def _login(client, extranet, *, admin=False):
    with in_schema(extranet):
        user = UserFactory(is_extranet_admin=admin)
    response = client.post("/accounts/login/", {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return user


@pytest.mark.parametrize(
    ("ip", "truncated"),
    [
        ("203.0.113.77", "203.0.113.0/24"),
        ("2001:db8:abcd:12:1:2:3:4", "2001:db8:abcd::/48"),
        ("::ffff:198.51.100.9", "198.51.100.0/24"),
        ("not an ip", ""),
    ],
)
def test_ip_is_truncated(ip, truncated):
    assert ip_truncate(ip=ip) == truncated


def test_records_are_append_only(public_client):
    public_client.post("/consent/", {"action": "reject_all"})
    record = ConsentRecord.objects.get()
    record.method = "accept_all"
    with pytest.raises(PermissionError):
        record.save()
    with pytest.raises(PermissionError):
        record.delete()
    with pytest.raises(PermissionError):
        ConsentRecord.objects.update(method="accept_all")
    with pytest.raises(PermissionError):
        ConsentRecord.objects.all().delete()
    assert ConsentRecord.objects.get().method == "reject_all"


def test_logged_in_extranet_user_record_stays_in_that_extranet(acme, globex, acme_client):
    user = _login(acme_client, acme)
    response = acme_client.post("/consent/", {"action": "accept_all", "next": "/"})
    assert response.status_code == 303
    with in_schema("public"):
        assert not ConsentRecord.objects.exists()  # nothing in public
    with in_schema(globex):
        assert not ConsentRecord.objects.exists()
    with in_schema(acme):
        record = ConsentRecord.objects.get()
        assert record.user_id == user.pk
        assert connection.schema_name == "ext_acme"


def test_anonymous_extranet_visitor_record_has_no_user(acme, acme_client):
    acme_client.post("/consent/", {"action": "reject_all"})
    with in_schema(acme):
        assert ConsentRecord.objects.get().user is None


REDIS_DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # discard port: nothing listens
    }
}


def test_consent_works_while_redis_is_down(public_client, acme, acme_client):
    from django.core.cache import caches

    user = _login(acme_client, acme)  # signing in itself uses Redis (rate limits)
    with override_settings(CACHES=REDIS_DOWN, CELERY_BROKER_URL="redis://127.0.0.1:9/0"):
        with pytest.raises(Exception):  # noqa: B017  the cache really is unreachable
            caches["default"].get("probe")
        assert public_client.get("/").status_code == 200
        response = public_client.post("/consent/", {"action": "accept_all", "next": "/"})
        assert response.status_code == 303
        assert acme_client.get("/").status_code == 200
        assert acme_client.post("/consent/", {"action": "reject_all"}).status_code == 303
    with in_schema("public"):
        assert ConsentRecord.objects.count() == 1
    with in_schema(acme):
        assert ConsentRecord.objects.get().user_id == user.pk


@pytest.fixture
def staff_client(public_client):
    user = User.objects.create_superuser("consent-staff", "staff@perfony.test", PASSWORD)
    public_client.force_login(user)
    return public_client


def test_staff_can_look_up_a_consent_id_but_not_change_it(staff_client):
    staff_client.post("/consent/", {"action": "reject_all"})
    staff_client.post("/consent/", {"action": "accept_all"})
    record = ConsentRecord.objects.first()
    other = ConsentRecord.objects.create(
        consent_id=uuid.uuid4(),
        created_at=record.created_at,
        expires_at=record.expires_at,
        choices={},
        policy_version="x",
        banner_hash="0" * 64,
        language="en",
        method="closed",
    )
    page = staff_client.get(f"/admin/consent/consentrecord/?q={record.consent_id}")
    assert page.status_code == 200
    assert str(record.consent_id) in page.content.decode()
    assert str(other.consent_id) not in page.content.decode()
    assert staff_client.get("/admin/consent/consentrecord/add/").status_code == 403
    url = f"/admin/consent/consentrecord/{record.pk}/change/"
    assert staff_client.get(url).status_code == 200  # view only
    staff_client.post(url, {"method": "accept_all"})
    assert staff_client.get(f"/admin/consent/consentrecord/{record.pk}/delete/").status_code == 403
    assert ConsentRecord.objects.count() == 3
    assert ConsentRecord.objects.get(pk=record.pk).method == record.method


def test_extranet_admin_sees_own_extranet_records_only(acme, globex, acme_client, globex_client):
    globex_client.post("/consent/", {"action": "accept_all"})
    with in_schema(globex):
        globex_id = str(ConsentRecord.objects.get().consent_id)
    _login(acme_client, acme, admin=True)
    acme_client.post("/consent/", {"action": "custom", "audience": "on"})
    with in_schema(acme):
        acme_id = str(ConsentRecord.objects.get().consent_id)
    page = acme_client.get("/consent/records/").content.decode()
    assert acme_id in page
    assert globex_id not in page
    assert ">Audience measurement: yes<" in page and ">audience:" not in page  # names, not keys
    found = acme_client.get(f"/consent/records/?consent_id={globex_id}").content.decode()
    assert "No consent records." in found
    bad = acme_client.get("/consent/records/?consent_id=nonsense")
    assert bad.status_code == 200
    assert "check what you typed" in bad.content.decode()


def test_extranet_member_without_admin_role_cannot_see_records(acme, acme_client):
    _login(acme_client, acme)
    assert acme_client.get("/consent/records/").status_code == 403


def test_records_page_requires_login(acme_client):
    assert acme_client.get("/consent/records/").status_code == 302


def test_records_page_is_not_on_the_public_host(public_client):
    assert public_client.get("/consent/records/").status_code == 404


def test_staff_lookup_finds_a_members_record_in_its_extranet(acme, acme_client, staff_client):
    _login(acme_client, acme)
    acme_client.post("/consent/", {"action": "custom", "audience": "on"})
    with in_schema(acme):
        consent_id = str(ConsentRecord.objects.get().consent_id)
    page = staff_client.get(f"/admin/consent/consentrecord/?q={consent_id}").content.decode()
    assert "The same consent id in the extranets" in page
    assert "Acme SA" in page
    other = staff_client.get(f"/admin/consent/consentrecord/?q={uuid.uuid4()}").content.decode()
    assert "No extranet holds a record with this consent id." in other


def test_settings_page_links_extranet_admins_to_the_records(acme, acme_client):
    _login(acme_client, acme, admin=True)
    assert 'href="/consent/records/"' in acme_client.get("/consent/settings/").content.decode()

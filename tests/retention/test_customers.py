"""Customers: warnings 60 and 7 days before, then the extranet is dropped, leaving an archive."""

from datetime import datetime, time, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core import mail
from django_tenants.utils import schema_exists

from core.models import AuditEvent
from retention.customers import extranet_media_dir
from retention.models import ArchivedExtranet, DropWarning
from retention.signals import extranet_purged
from tenants.models import Domain, Extranet
from tenants.services import extranet_create
from tests.support.clock import PARIS
from tests.support.retention import rows_purged, run_at

DAY = timedelta(days=1)


def _at(day):
    return datetime.combine(day, time(3, 0), tzinfo=PARIS)


def _purge(day):
    return run_at(_at(day), schemas=["public"], policies=["customers"])


@pytest.fixture
def retiring(db):
    extranet = extranet_create(
        slug="retiring", company_name="Retiring Co", admin_email="boss@retiring.example"
    ).extranet
    extranet.contract_end = extranet.contract_start
    extranet.save()
    mail.outbox.clear()
    return extranet


def test_warned_60_and_7_days_before_then_dropped_the_day_after_three_years(retiring, acme):
    drop_day = retiring.contract_end + relativedelta(years=3) + DAY
    media = extranet_media_dir(schema_name="ext_retiring")
    media.mkdir(parents=True, exist_ok=True)
    (media / "avatar.png").write_bytes(b"x")
    received = []
    extranet_purged.connect(lambda **kw: received.append(kw["schema_name"]), weak=False)

    _purge(drop_day - 61 * DAY)
    assert mail.outbox == []
    _purge(drop_day - 60 * DAY)
    _purge(drop_day - 59 * DAY)  # sent once, not every night
    assert len(mail.outbox) == 1 and "Retiring Co" in mail.outbox[0].subject
    assert mail.outbox[0].to == [settings.STAFF_NOTIFICATION_EMAIL]
    _purge(drop_day - 7 * DAY)
    assert len(mail.outbox) == 2 and "7 days" in mail.outbox[1].body
    assert set(DropWarning.objects.values_list("days_before", flat=True)) == {60, 7}

    before = _purge(drop_day - DAY)
    assert rows_purged(before, "public", "customers") == 0 and schema_exists("ext_retiring")

    after = _purge(drop_day)
    assert rows_purged(after, "public", "customers") == 1
    assert not schema_exists("ext_retiring")
    assert not Extranet.objects.filter(slug="retiring").exists()
    assert not Domain.objects.filter(domain__startswith="retiring.").exists()
    assert not media.exists()
    assert received == ["ext_retiring"]
    archive = ArchivedExtranet.objects.get(slug="retiring")
    assert (archive.name, archive.contract_end) == ("Retiring Co", retiring.contract_end)
    assert archive.files_removed_at is not None
    assert AuditEvent.objects.filter(action="retention.extranet_dropped").exists()
    assert schema_exists("ext_acme")


def test_no_drop_without_seven_days_notice_and_none_under_legal_hold(acme):
    acme.contract_end = datetime(2020, 1, 1).date()
    acme.save()
    today = datetime(2026, 3, 1).date()
    _purge(today)
    assert schema_exists("ext_acme")
    assert len(mail.outbox) == 1 and DropWarning.objects.get().days_before == 7
    acme.legal_hold = True
    acme.save()
    held = _purge(today + 8 * DAY)
    assert held.policy_runs.get().rows == 0 and schema_exists("ext_acme")
    acme.legal_hold = False
    acme.save()
    _purge(today + 8 * DAY)
    assert not schema_exists("ext_acme")


def test_an_interrupted_drop_has_its_files_removed_by_the_next_run(db):
    media = extranet_media_dir(schema_name="ext_gone")
    media.mkdir(parents=True, exist_ok=True)
    ArchivedExtranet.objects.create(
        extranet_id=999_999,
        name="Gone",
        slug="gone",
        schema_name="ext_gone",
        deleted_at=_at(datetime(2026, 1, 1).date()),
    )
    _purge(datetime(2026, 1, 2).date())
    assert not media.exists()
    assert ArchivedExtranet.objects.get(slug="gone").files_removed_at is not None


def test_media_paths_outside_the_extranet_folder_are_refused():
    for bad in ("", "public", "../etc", "a/b"):
        with pytest.raises(ValueError):
            extranet_media_dir(schema_name=bad)


def test_the_dropped_folder_is_the_one_avatars_are_stored_in(acme):
    """An extranet's drop must remove its members' photos, wherever accounts stores them."""
    from pathlib import Path

    from accounts.models import avatar_upload_to
    from tests.support.tenants import in_schema

    with in_schema(acme):
        avatar = Path(settings.MEDIA_ROOT).resolve() / avatar_upload_to(None, "me.webp")
    assert extranet_media_dir(schema_name=acme.schema_name) in avatar.parents


def test_a_hold_set_after_the_drop_list_was_read_stops_the_drop(retiring):
    from retention.customers import extranet_drop
    from retention.policies import policy_get

    stale = Extranet.objects.get(pk=retiring.pk)  # what the run read before the hold
    Extranet.objects.filter(pk=retiring.pk).update(
        legal_hold=True, legal_hold_reason="Court order 12"
    )
    when = _at(retiring.contract_end + relativedelta(years=3) + 30 * DAY)
    assert extranet_drop(extranet=stale, policy=policy_get("customers"), now=when) is None
    assert schema_exists(retiring.schema_name)
    assert not ArchivedExtranet.objects.filter(extranet_id=retiring.pk).exists()
    blocked = AuditEvent.objects.get(action="retention.extranet_drop_blocked")
    assert "Court order 12" in blocked.data["reason"]

"""A staff member enrols an authenticator app in Chromium, with STAFF_MFA_REQUIRED on."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django_tenants.utils import get_public_schema_name
from psycopg import sql

from accounts.models import User
from accounts.selectors import session_keys_for_user
from tests.accounts.staff import totp_code

PUBLIC = "perfony.localhost"
PASSWORD = "a long browser staff password"
LIVE_SERVER_ENV = {"STAFF_MFA_REQUIRED": "1"}  # read by the live server's settings (local)
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def browser_staff(live_url, django_db_blocker):
    """Committed, so the live server sees it; removed with its factors and sessions after."""
    from django.contrib.sessions.models import Session

    def remove(user_ids):
        # In SQL: the ORM's cascade would also look for tenant-only tables from public.
        Authenticator.objects.filter(user_id__in=user_ids).delete()
        for user_id in user_ids:
            Session.objects.filter(session_key__in=session_keys_for_user(user_id=user_id)).delete()
        with connection.cursor() as cursor:
            users = sql.Identifier(get_public_schema_name(), User._meta.db_table)
            query = sql.SQL("DELETE FROM {} WHERE id = ANY(%s)").format(users)
            cursor.execute(query.as_string(connection.connection), [list(user_ids)])

    with django_db_blocker.unblock():
        remove(User.objects.filter(username="browser-staff").values_list("id", flat=True))
        user = User.objects.create_superuser("browser-staff", "browser-staff@perfony.com", PASSWORD)
        yield user
        remove([user.pk])


def _log_in(page, base):
    page.goto(base + "/")
    page.locator("#pf-consent-banner button[value=reject_all]").click()
    # The choice is sent in the background and the banner hides once it is saved: leaving the
    # page before then cancels it, and the banner would come back over the forms below.
    page.locator("#pf-consent-banner").wait_for(state="hidden")
    page.goto(base + "/admin/")
    page.fill("input[name=login]", "browser-staff")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_staff_enrol_totp_before_the_admin_then_log_in_with_a_code(
    context_factory, live_url, browser_staff
):
    base = live_url.format(host=PUBLIC)
    page = context_factory(locale="fr-FR").new_page()
    _log_in(page, base)
    assert page.url.endswith("/accounts/2fa/")  # no admin page before a second factor
    assert "authentification à deux facteurs (une application" in page.content()
    page.goto(base + "/admin/accounts/user/")
    assert page.url.endswith("/accounts/2fa/")

    page.get_by_role("link", name="Activer").click()
    assert "/accounts/reauthenticate/" in page.url  # the password again before adding a factor
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    secret = page.input_value("#authenticator_secret")
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    page.fill("input[name=code]", totp_code(secret))
    page.locator("main form button[type=submit]").click()
    assert page.url.endswith("/accounts/2fa/recovery-codes/")
    assert Authenticator.objects.filter(user=browser_staff, type="totp").exists()

    page.goto(base + "/admin/")
    assert page.url.endswith("/admin/") and "Back-office du personnel" in page.content()

    second = context_factory(locale="fr-FR").new_page()
    _log_in(second, base)
    assert second.url.endswith("/accounts/2fa/authenticate/")  # the password is not enough
    second.goto(base + "/admin/")
    assert not second.url.endswith("/admin/")
    assert "Back-office du personnel" not in second.content()
    second.fill("input[name=code]", "000000" if totp_code(secret) != "000000" else "111111")
    second.locator("main form button[type=submit]").first.click()
    assert second.url.endswith("/accounts/2fa/authenticate/")  # a wrong code: still outside

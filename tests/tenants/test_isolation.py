"""The policy promises that nothing crosses between extranets. These tests try to cross."""

from django.core.cache import cache
from django.db import connection
from psycopg import sql

from accounts.models import User
from tests.factories import PASSWORD, UserFactory
from tests.support.tenants import in_schema


def test_user_created_in_acme_is_invisible_from_globex(acme, globex):
    with in_schema(acme):
        UserFactory(username="dave", email="dave@acme.example")
        assert User.objects.filter(username="dave").exists()
    with in_schema(globex):
        assert not User.objects.filter(username="dave").exists()
        with connection.cursor() as cursor:
            users = sql.Identifier(User._meta.db_table)  # in the search path: globex's
            query = sql.SQL("SELECT count(*) FROM {} WHERE username = 'dave'").format(users)
            cursor.execute(query.as_string(connection.connection))
            assert cursor.fetchone()[0] == 0
    # and not in public either: staff users are a different table
    assert not User.objects.filter(username="dave").exists()


def test_same_username_can_exist_in_two_extranets_as_two_people(acme, globex):
    with in_schema(acme):
        UserFactory(username="sam", email="sam@acme.example", first_name="Acme")
    with in_schema(globex):
        UserFactory(username="sam", email="sam@globex.example", first_name="Globex")
        assert User.objects.get(username="sam").first_name == "Globex"
    with in_schema(acme):
        assert User.objects.get(username="sam").first_name == "Acme"


def _login(client, login, password):
    return client.post("/accounts/login/", {"login": login, "password": password})


def test_alice_credentials_do_not_work_on_globex(acme, globex, acme_client, globex_client):
    with in_schema(acme):
        UserFactory(username="alice2", email="alice2@acme.example")
    response = _login(globex_client, "alice2", PASSWORD)
    assert response.status_code == 200  # the form again, with an error
    assert "_auth_user_id" not in globex_client.session
    assert _login(acme_client, "alice2", PASSWORD).status_code == 302
    assert "_auth_user_id" in acme_client.session


def test_acme_session_cookie_gives_no_access_on_globex(acme, globex, acme_client, globex_client):
    with in_schema(acme):
        user = UserFactory(username="erin", email="erin@acme.example")
    with in_schema(globex):
        # same primary key in globex, so a leaked session could not even point elsewhere by id
        UserFactory(username="frank", email="frank@globex.example", pk=user.pk)
    assert _login(acme_client, "erin", PASSWORD).status_code == 302
    assert acme_client.get("/").status_code == 200
    session_cookie = acme_client.cookies["sessionid"]
    assert not session_cookie["domain"], "session cookies must be host-only"
    globex_client.cookies["sessionid"] = session_cookie.value
    response = globex_client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_cache_keys_are_per_schema(acme, globex):
    with in_schema(acme):
        cache.set("greeting", "acme secret")
    with in_schema(globex):
        assert cache.get("greeting") is None
    with in_schema(acme):
        assert cache.get("greeting") == "acme secret"

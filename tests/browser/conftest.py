"""Browser tests: Playwright drives Debian's Chromium against a gunicorn serving the test DB.

pytest-django's live_server would flush the database and wipe the extranets provisioned for
the session, so the server is a subprocess on the same (committed) test database instead.
What the browser writes is removed when the module ends, so other tests see a clean database.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parents[2]
SKIP_REASON = f"browser tests skipped: {CHROMIUM} not found (set PERFONY_REQUIRE_BROWSER=1 to fail)"


def pytest_report_header(config):
    if not CHROMIUM.exists():
        return SKIP_REASON
    return None


def _require_browser():
    if CHROMIUM.exists():
        return
    if os.environ.get("PERFONY_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{CHROMIUM} is missing and PERFONY_REQUIRE_BROWSER=1")
    print(SKIP_REASON, file=sys.stderr)
    pytest.skip(SKIP_REASON)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the test server exited; see its output above")
        request = urllib.request.Request(url, headers={"Host": "perfony.localhost"})  # noqa: S310
        try:
            urllib.request.urlopen(request, timeout=1)  # noqa: S310  loopback only
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the test server did not answer at {url}")


def _purge_browser_writes(since) -> None:
    """Consent proof is append-only in the app; test rows are removed in SQL, as retention does."""
    from django_tenants.utils import get_public_schema_name
    from psycopg import sql

    from consent.models import ConsentRecord
    from core.models import AuditEvent
    from security.models import SecurityEvent
    from stats.models import DailyCountryVisits
    from tenants.selectors import extranet_list

    public = get_public_schema_name()
    schemas = [
        public,
        *extranet_list().values_list("schema_name", flat=True),
    ]

    def delete(schema: str, model, column: str, value) -> None:
        table = sql.Identifier(schema, model._meta.db_table)
        query = sql.SQL("DELETE FROM {} WHERE {} >= %s").format(table, sql.Identifier(column))
        cursor.execute(query.as_string(connection.connection), [value])

    with connection.cursor() as cursor:
        for schema in schemas:
            delete(schema, ConsentRecord, "created_at", since)
            delete(schema, AuditEvent, "at", since)
            if schema != public:
                delete(schema, SecurityEvent, "created_at", since)
        # Consented browser visits are counted; the test database holds no other counts.
        delete(public, DailyCountryVisits, "day", since.date())


@pytest.fixture(scope="module")
def live_url(request, django_db_setup, django_db_blocker):
    """Base URL pattern of the live server: live_url.format(host="perfony.localhost").

    A test module can set LIVE_SERVER_ENV = {...} for environment variables of its server.
    """
    _require_browser()
    from django.utils import timezone

    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.browser.server_settings",
        "PERFONY_BROWSER_DB": connection.settings_dict["NAME"],
        **getattr(request.module, "LIVE_SERVER_ENV", {}),
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "perfony.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "--threads",
        "4",
        "--log-level",
        "warning",
    ]
    with django_db_blocker.unblock():
        started = timezone.now()
        process = subprocess.Popen(command, cwd=REPO, env=env)
        try:
            _wait_until_up(f"http://127.0.0.1:{port}/healthz", process)
            yield "http://{host}:" + str(port)
        finally:
            process.terminate()
            process.wait(timeout=10)
            _purge_browser_writes(started)


@pytest.fixture(scope="module")
def browser(live_url):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on this thread; the tests' ORM reads are sync.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


PROBE_JS = "window.__analyticsRan = true;document.cookie = '_ga=GA1.1.probe; path=/; max-age=3600';"


@pytest.fixture
def context_factory(browser):
    """New isolated browser contexts; the analytics script URL is answered by a probe that
    records it ran and sets an analytics cookie, like the real one would."""
    contexts = []

    def make(**kwargs):
        context = browser.new_context(**kwargs)
        context.analytics_requests = []

        def fulfil(route):
            context.analytics_requests.append(route.request.url)
            route.fulfill(status=200, content_type="text/javascript", body=PROBE_JS)

        context.route("https://www.googletagmanager.com/**", fulfil)
        context.route("https://snap.licdn.com/**", lambda route: route.fulfill(body=""))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()

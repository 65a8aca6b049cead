"""Security headers on every response: pages, early 400/404 answers, static files; and the
production server does not name its software."""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.test import Client

from tests.perfony.test_settings import DUMMY_ENV, ROOT, _run
from tests.support.http import host_client

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def _assert_hardened(response):
    for name, value in EXPECTED.items():
        assert response.get(name) == value, name
    policy = response["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy
    assert "publickey-credentials-get=(self)" in policy  # passkeys keep working


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("evil.example", 400),  # outside ALLOWED_HOSTS: TenantMiddleware answers at once
        ("nosuch.iperfony.localhost", 404),  # no such extranet: answered before any view
    ],
)
def test_early_answers_of_the_tenant_middleware_are_hardened(db, host, status):
    response = Client(HTTP_HOST=host).get("/")
    assert response.status_code == status
    _assert_hardened(response)


def test_public_and_extranet_pages_are_hardened(public_client, acme):
    _assert_hardened(public_client.get("/"))
    _assert_hardened(host_client("acme.iperfony.localhost").get("/accounts/login/"))


def test_static_files_served_by_whitenoise_are_hardened(db, settings):
    settings.WHITENOISE_USE_FINDERS = True  # read when a new client builds its middleware
    response = Client(HTTP_HOST="perfony.localhost").get("/static/js/consent.js")
    assert response.status_code == 200
    assert response.__class__.__module__.startswith("whitenoise")
    _assert_hardened(response)


def test_content_security_policy_reaches_the_early_answers_when_set(db, settings):
    settings.CONTENT_SECURITY_POLICY = "default-src 'self'"
    response = Client(HTTP_HOST="evil.example").get("/")
    assert response.status_code == 400
    assert response["Content-Security-Policy"] == "default-src 'self'"


def test_production_middleware_order():
    code = (
        "from perfony.settings import production as p; import json; print(json.dumps(p.MIDDLEWARE))"
    )
    result = _run(["-c", code], DUMMY_ENV)
    assert result.returncode == 0, result.stderr
    middleware = json.loads(result.stdout)
    assert middleware[0] == "perfony.security_headers.SecurityHeadersMiddleware"
    csp = middleware.index("perfony.middleware.ContentSecurityPolicyMiddleware")
    assert middleware[csp + 1] == "django.middleware.security.SecurityMiddleware"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_header(*config_args) -> str:
    port = _free_port()
    command = [sys.executable, "-m", "gunicorn", *config_args, "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "1", "tests.perfony.hello_wsgi:app"]
    env = {k: v for k, v in os.environ.items() if k != "GUNICORN_CMD_ARGS"}
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60  # a readiness wait on a loaded machine, not a timing
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/")
                response = connection.getresponse()
                return response.getheader("Server", "")
            except OSError:
                assert server.poll() is None, "gunicorn exited"
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def test_gunicorn_does_not_announce_itself_with_the_project_config():
    assert "gunicorn" in _server_header("--config", "/dev/null").lower()  # what it does unset
    assert "gunicorn" not in _server_header("--config", "gunicorn.conf.py").lower()
    assert "gunicorn" not in _server_header().lower()  # ./gunicorn.conf.py is the default

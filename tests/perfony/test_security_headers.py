"""Security headers on every response: pages, early 400/404 answers, static files; and the
production server does not name its software."""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys

import pytest
from django.test import Client

from tests.support.http import host_client
from tests.support.settings import PRODUCTION_ENV, ROOT, run_python

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
    result = run_python(["-c", code], PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    middleware = json.loads(result.stdout)
    assert middleware[0] == "perfony.security_headers.SecurityHeadersMiddleware"
    csp = middleware.index("perfony.middleware.ContentSecurityPolicyMiddleware")
    assert middleware[csp + 1] == "django.middleware.security.SecurityMiddleware"


def _listening_socket() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    return sock


def _gunicorn(config_args, sock: socket.socket) -> subprocess.Popen:
    # gunicorn serves on the socket this test opened (fd://), so the test's request waits in the
    # socket's queue until gunicorn is up: no polling for readiness.
    command = [sys.executable, "-m", "gunicorn", *config_args, "--bind", f"fd://{sock.fileno()}"]
    command += ["--workers", "1", "tests.perfony.hello_wsgi:app"]
    env = {k: v for k, v in os.environ.items() if k != "GUNICORN_CMD_ARGS"}
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL, pass_fds=[sock.fileno()]
    )


def _server_header(sock: socket.socket, server: subprocess.Popen) -> str:
    port = sock.getsockname()[1]
    # A readiness wait on a loaded machine (gunicorn's start-up), not a timing.
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", "/")
        return connection.getresponse().getheader("Server", "")
    except OSError:
        assert server.poll() is None, "gunicorn exited"
        raise
    finally:
        connection.close()


def _server_headers(*configs) -> list[str]:
    """The Server header of gunicorn under each config, the servers started side by side."""
    sockets = [_listening_socket() for _ in configs]
    servers = []
    try:
        servers = [_gunicorn(config, sock) for config, sock in zip(configs, sockets, strict=True)]
        return [_server_header(s, p) for s, p in zip(sockets, servers, strict=True)]
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            server.wait(timeout=30)
        for sock in sockets:
            sock.close()


def test_gunicorn_does_not_announce_itself_with_the_project_config():
    unset, project, default = _server_headers(
        ("--config", "/dev/null"), ("--config", "gunicorn.conf.py"), ()
    )
    assert "gunicorn" in unset.lower()  # what it does unset
    assert "gunicorn" not in project.lower()
    assert "gunicorn" not in default.lower()  # ./gunicorn.conf.py is the default

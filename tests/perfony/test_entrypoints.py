"""`make run` (`python -m perfony.devrun`) and `celery -A perfony` import the project package
before any settings module is chosen: nothing at import time may read settings."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_project_package_imports_before_settings_are_chosen():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = (
        "import perfony.devrun, perfony.celery\n"
        "from django.conf import settings\n"
        "assert not settings.configured, 'settings were read at import'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DUMMY_ENV = {
    "SECRET_KEY": "dummy-but-long-and-varied-0123456789-abcdefghijklmnopqrstuvwxyz",
    "DATABASE_URL": "postgres://perfony:secret@db.internal:5432/perfony",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "PUBLIC_HOST": "www.perfony.com",
    "EXTRANET_DOMAIN": "iperfony.com",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.internal:587",
    "FIELD_ENCRYPTION_KEYS": "lgnrAGnSbnnbb3af_r3HRoDIqMOQfqTeI_WkGfmQokQ=",
    "SUPPRESSION_KEYS": "suppression-primary-7f3a9c2e41b8d6a0e5f9c3b7a1d4e8f2",
}


def _run(args, env):
    base = {k: v for k, v in os.environ.items() if k not in DUMMY_ENV}
    base["DJANGO_SETTINGS_MODULE"] = "perfony.settings.production"
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True
    )


def test_production_settings_refuse_to_import_without_required_variables():
    for missing in DUMMY_ENV:
        env = {k: v for k, v in DUMMY_ENV.items() if k != missing}
        result = _run(["-c", "import perfony.settings.production"], env)
        assert result.returncode != 0, missing
        assert "ImproperlyConfigured" in result.stderr and missing in result.stderr


def test_production_settings_refuse_a_weak_secret_key():
    result = _run(
        ["-c", "import perfony.settings.production"], {**DUMMY_ENV, "SECRET_KEY": "short"}
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_settings_refuse_a_weak_suppression_key():
    result = _run(
        ["-c", "import perfony.settings.production"],
        {**DUMMY_ENV, "SUPPRESSION_KEYS": "dev-only-suppression-key-not-for-production"},
    )
    assert result.returncode != 0 and "SUPPRESSION_KEYS" in result.stderr


def test_check_deploy_has_no_warnings_under_production_settings():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], DUMMY_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_a_malformed_field_encryption_key():
    result = _run(
        ["-c", "import perfony.settings.production"],
        {**DUMMY_ENV, "FIELD_ENCRYPTION_KEYS": "not-a-fernet-key"},
    )
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS: key number 1 is not a Fernet key" in result.stderr


def test_production_csp_allows_a_third_party_host_only_when_its_script_is_configured():
    show = ["-c", "import perfony.settings.production as p; print(p.CONTENT_SECURITY_POLICY)"]
    plain = _run(show, DUMMY_ENV).stdout
    assert "googletagmanager" not in plain and "script-src 'self';" in plain
    with_ga = _run(show, {**DUMMY_ENV, "CONSENT_GOOGLE_ANALYTICS_ID": "G-X"}).stdout
    assert "script-src 'self' https://www.googletagmanager.com;" in with_ga
    assert "licdn" not in with_ga


def test_production_requires_staff_mfa_whatever_the_environment_says():
    show = ["-c", "import perfony.settings.production as p; print(p.STAFF_MFA_REQUIRED)"]
    assert _run(show, DUMMY_ENV).stdout.strip() == "True"
    assert _run(show, {**DUMMY_ENV, "STAFF_MFA_REQUIRED": "false"}).stdout.strip() == "True"


def test_local_settings_leave_staff_mfa_off_for_the_one_command_demo():
    show = ["-c", "import perfony.settings.local as p; print(p.STAFF_MFA_REQUIRED)"]
    base = {k: v for k, v in os.environ.items() if k != "STAFF_MFA_REQUIRED"}
    result = subprocess.run(
        [sys.executable, *show], cwd=ROOT, env=base, capture_output=True, text=True
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr

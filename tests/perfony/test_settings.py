"""Each settings module as it starts from the environment. The import checks share one child
interpreter (tests/support/settings.py): each import gets exactly its own environment and a
fresh module, as in a process of its own; `manage.py check --deploy` keeps a process of its own."""

import os

import pytest

from tests.support.settings import (
    PRODUCTION_ENV,
    Case,
    production_environ,
    run_python,
    settings_import_each,
)

CSP = ("CONTENT_SECURITY_POLICY",)
MFA = ("STAFF_MFA_REQUIRED",)


def _production(names=(), **env) -> Case:
    return Case(production_environ({**PRODUCTION_ENV, **env}), names)


def _without(missing: str) -> Case:
    return Case(production_environ({k: v for k, v in PRODUCTION_ENV.items() if k != missing}))


CASES = {
    **{f"without {name}": _without(name) for name in PRODUCTION_ENV},
    "weak secret key": _production(SECRET_KEY="short"),
    "weak suppression key": _production(
        SUPPRESSION_KEYS="dev-only-suppression-key-not-for-production"
    ),
    "malformed field key": _production(FIELD_ENCRYPTION_KEYS="not-a-fernet-key"),
    "csp plain": _production(CSP),
    "csp with ga": _production(CSP, CONSENT_GOOGLE_ANALYTICS_ID="G-X"),
    "mfa": _production(MFA),
    "mfa turned off": _production(MFA, STAFF_MFA_REQUIRED="false"),
    "local mfa": Case(
        {k: v for k, v in os.environ.items() if k != "STAFF_MFA_REQUIRED"},
        MFA,
        module="perfony.settings.local",
    ),
}


@pytest.fixture(scope="module")
def imported():
    return settings_import_each(CASES)


def test_production_settings_refuse_to_import_without_required_variables(imported):
    for missing in PRODUCTION_ENV:
        result = imported[f"without {missing}"]
        assert result.error, missing
        assert "ImproperlyConfigured" in result.error and missing in result.error


def test_production_settings_refuse_a_weak_secret_key(imported):
    result = imported["weak secret key"]
    assert result.error and "SECRET_KEY" in result.error


def test_production_settings_refuse_a_weak_suppression_key(imported):
    result = imported["weak suppression key"]
    assert result.error and "SUPPRESSION_KEYS" in result.error


def test_check_deploy_has_no_warnings_under_production_settings():
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_a_malformed_field_encryption_key(imported):
    result = imported["malformed field key"]
    assert result.error
    assert "FIELD_ENCRYPTION_KEYS: key number 1 is not a Fernet key" in result.error


def test_production_csp_allows_a_third_party_host_only_when_its_script_is_configured(imported):
    plain = imported["csp plain"].values["CONTENT_SECURITY_POLICY"]
    assert "googletagmanager" not in plain and "script-src 'self';" in plain
    with_ga = imported["csp with ga"].values["CONTENT_SECURITY_POLICY"]
    assert "script-src 'self' https://www.googletagmanager.com;" in with_ga
    assert "licdn" not in with_ga


def test_production_requires_staff_mfa_whatever_the_environment_says(imported):
    assert imported["mfa"].values["STAFF_MFA_REQUIRED"] is True
    assert imported["mfa turned off"].values["STAFF_MFA_REQUIRED"] is True


def test_local_settings_leave_staff_mfa_off_for_the_one_command_demo(imported):
    result = imported["local mfa"]
    assert result.values.get("STAFF_MFA_REQUIRED") is False, result.error

from django.core import checks

from privacy.registry import registry_problems


def registry_complete(app_configs=None, **kwargs):
    """Every model classified, every field too, and every personal model with a retention rule
    the purge can compile (a RETENTION_PERIODS key that names no rule is reported too)."""
    from retention.policies import policy_problems

    problems = registry_problems() + policy_problems()
    return [
        checks.Warning(problem, hint="Declare it in the app's privacy.py.", id="privacy.W001")
        for problem in problems
    ]


def suppression_keys_set(app_configs=None, **kwargs):
    """Without a key the suppression list can be neither read nor written."""
    from django.conf import settings

    if [k for k in getattr(settings, "SUPPRESSION_KEYS", []) if k.strip()]:
        return []
    return [
        checks.Error(
            "SUPPRESSION_KEYS is empty: the suppression list cannot be read or written.",
            hint="Set SUPPRESSION_KEYS to one or more random keys, primary first; keep old ones.",
            id="privacy.E002",
        )
    ]

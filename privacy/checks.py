from django.core import checks

from privacy.registry import registry_problems


def registry_complete(app_configs=None, **kwargs):
    return [
        checks.Warning(problem, hint="Classify it in the app's privacy.py.", id="privacy.W001")
        for problem in registry_problems()
    ]

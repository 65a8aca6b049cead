"""Settings of the live server the browser tests start: the test settings, pointed at the
pytest test database, with a (fake) Google Analytics id so a gated analytics script is on
every page. The browser tests answer that script's URL themselves; nothing leaves the host."""

import os

from perfony.settings.test import *  # noqa: F403

DATABASES["default"]["NAME"] = os.environ["PERFONY_BROWSER_DB"]  # noqa: F405
CONSENT_GOOGLE_ANALYTICS_ID = "G-BROWSERTEST"

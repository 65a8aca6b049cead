"""Settings of the live server the browser tests start: the test settings, pointed at the
pytest test database, with (fake) Google Analytics and LinkedIn ids so gated scripts are on
every page where consent.tracking allows them. The browser tests answer those scripts' URLs
themselves; nothing leaves the host."""

import os

from perfony.settings.test import *  # noqa: F403

DATABASES["default"]["NAME"] = os.environ["PERFONY_BROWSER_DB"]  # noqa: F405
CONSENT_GOOGLE_ANALYTICS_ID = "G-BROWSERTEST"
CONSENT_LINKEDIN_PARTNER_ID = "424242"

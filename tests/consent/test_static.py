from pathlib import Path

from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "static" / "js" / "consent.js"


def test_consent_script_is_small_plain_javascript():
    source = SCRIPT.read_text()
    assert len(source.encode()) < 10 * 1024
    for framework in ("import ", "require(", "jQuery", "React"):
        assert framework not in source


def test_banner_markup_is_accessible(public_client):
    html = public_client.get("/").content.decode()
    assert 'aria-labelledby="pf-consent-title"' in html
    assert 'aria-controls="pf-consent-panel" aria-expanded="false"' in html
    assert 'aria-label="Close and refuse optional cookies"' in html
    assert 'role="status" id="pf-consent-status"' in html
    assert 'role="alert" id="pf-consent-error"' in html
    for key in ("preferences", "audience", "analytics", "advertising"):
        assert f'<label for="pf-banner-{key}">' in html


BANNER_FILES = ("js/consent.js", "js/consent-mode.js", "js/ga-config.js", "css/consent.css")
BANNER_BUDGET = 12 * 1024


def test_banner_js_and_css_weigh_at_most_12_kb_gzipped_together():
    import gzip

    static = Path(settings.BASE_DIR) / "static"
    together = b"".join((static / name).read_bytes() for name in BANNER_FILES)
    assert len(gzip.compress(together, compresslevel=9)) <= BANNER_BUDGET


def test_every_banner_file_is_served_on_the_page_that_needs_it(public_client):
    """The budget covers what the banner loads: a file added to the page must be counted."""
    import re

    from django.test import override_settings

    with override_settings(CONSENT_GOOGLE_ANALYTICS_ID="G-TEST123"):
        public_client.post("/consent/", {"action": "accept_all", "next": "/"})
        html = public_client.get("/").content.decode()
    served = set(
        re.findall(r'(?:src|href)="/static/((?:js|css)/consent[^"?]*|js/ga-config\.js)', html)
    )
    assert served == set(BANNER_FILES)

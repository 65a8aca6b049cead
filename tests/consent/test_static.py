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

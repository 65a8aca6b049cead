"""The banner's layout budgets, measured in Chromium: nothing moves after a choice; on a phone
the first layer covers at most 40% of the screen and the second layer's save button can be
reached without scrolling inside the banner. Screenshots go to $PERFONY_SCREENSHOTS if set."""

import os
from pathlib import Path

import pytest

PUBLIC = "perfony.localhost"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
LANGUAGES = {"en": "en-GB", "nl": "nl-NL", "fr": "fr-FR"}
pytestmark = pytest.mark.django_db

# Every layout shift of the page, input-driven or not, summed from the moment it is installed.
SHIFT_PROBE = """
window.__shift = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) { window.__shift += entry.value; }
}).observe({type: "layout-shift", buffered: false});
"""
FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
POSITIONS = """() => ({
  scroll: window.scrollY,
  main: document.getElementById("main").getBoundingClientRect().top,
  footer: document.querySelector(".site-footer").getBoundingClientRect().top,
})"""


def _page(context_factory, live_url, language, viewport, path="/"):
    context = context_factory(viewport=viewport, locale=LANGUAGES[language])
    page = context.new_page()
    page.goto(live_url.format(host=PUBLIC) + path)
    page.wait_for_load_state("networkidle")
    return page


def _screenshot(page, name):
    folder = os.environ.get("PERFONY_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("action", ["accept_all", "reject_all"])
def test_nothing_moves_after_a_choice(context_factory, live_url, language, viewport, action):
    page = _page(context_factory, live_url, language, viewport)
    page.evaluate(SHIFT_PROBE)
    before = page.evaluate(POSITIONS)
    page.locator(f'#pf-consent-banner button[value="{action}"]').click()
    page.locator("#pf-consent-banner").wait_for(state="hidden")
    page.wait_for_load_state("networkidle")
    page.evaluate(FRAMES)  # layout done and shifts reported
    assert page.evaluate(POSITIONS) == before
    assert page.evaluate("window.__shift") == 0


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_first_layer_covers_at_most_40_percent_of_a_phone(context_factory, live_url, language):
    page = _page(context_factory, live_url, language, PHONE)
    box = page.locator("#pf-consent-banner").bounding_box()
    _screenshot(page, f"banner-phone-{language}")
    assert box["y"] + box["height"] <= PHONE["height"] + 0.5
    assert box["height"] / PHONE["height"] <= 0.40, f"{box['height'] / PHONE['height']:.0%}"
    for value in ("accept_all", "reject_all"):
        assert page.locator(f'#pf-consent-banner button[value="{value}"]').is_visible()


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_second_layer_save_button_is_reachable_without_scrolling(
    context_factory, live_url, language
):
    page = _page(context_factory, live_url, language, PHONE)
    page.locator("#pf-consent-customize").click()
    save = page.locator('#pf-consent-panel button[value="custom"]')
    save.wait_for(state="visible")
    _screenshot(page, f"banner-phone-{language}-panel")
    banner = page.locator("#pf-consent-banner")
    assert banner.evaluate("el => el.scrollTop") == 0
    box = save.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y).value", list(centre))
    assert on_top == "custom"  # nothing covers it
    assert banner.evaluate("el => el.scrollTop") == 0


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_desktop_screenshots(context_factory, live_url, language):
    page = _page(context_factory, live_url, language, DESKTOP)
    _screenshot(page, f"banner-desktop-{language}")
    page.locator("#pf-consent-customize").click()
    _screenshot(page, f"banner-desktop-{language}-panel")
    assert page.locator('#pf-consent-panel button[value="custom"]').is_visible()

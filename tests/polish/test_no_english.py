"""No English leaks into the nl and fr pages: the visible text of every page is free of words
only English uses (the list of tests/core/test_catalogs.py)."""

import re

import pytest

from tests.core.test_catalogs import ENGLISH, WORD
from tests.pages import EXTRANET_ADMIN_PAGES, PUBLIC_PAGES

# Every page an admin sees, plus the member's own activity, settings and password pages.
EXTRANET_PAGES = [
    *EXTRANET_ADMIN_PAGES,
    "/activity/",
    "/consent/settings/",
    "/accounts/password/change/",
]
HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1>|<!--.*?-->", re.S | re.I)
ATTRIBUTE_TEXT = re.compile(r"""\b(?:alt|title|placeholder|aria-label)=(["'])(.*?)\1""")
TAG = re.compile(r"<[^>]*>")


def english_words(html: str) -> set[str]:
    html = HIDDEN.sub(" ", html)
    text = " ".join(m.group(2) for m in ATTRIBUTE_TEXT.finditer(html)) + " " + TAG.sub(" ", html)
    return {word for word in WORD.findall(text) if word.lower() in ENGLISH and len(word) > 2}


def test_the_check_sees_english_in_text_and_attributes():
    assert english_words('<p>Enregistrer</p><img alt="Your photo">') == {"Your"}
    assert english_words("<p>Save the file</p>") == {"Save", "the"}
    assert english_words("<p>Enregistrez le fichier</p><script>var the = 1;</script>") == set()


def _check(client, paths, language):
    client.cookies["django_language"] = language
    leaks = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        words = english_words(response.content.decode())
        if words:
            leaks[path] = sorted(words)
    return leaks


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_public_pages_have_no_english(public_client, language):
    assert _check(public_client, PUBLIC_PAGES, language) == {}


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_extranet_pages_have_no_english(acme_admin_client, acme_member, language):
    assert _check(acme_admin_client, EXTRANET_PAGES, language) == {}

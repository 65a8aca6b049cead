"""The translation catalogs (issue 15): every string people see exists in nl and fr, is not
fuzzy, says each sentence once, and templates do not carry unmarked English.

The msgids are read from the code itself (templates and Python calls of gettext and friends),
then looked up in the catalogs Django merges at runtime, so a string counts as translated
whichever catalog holds it (an app's, the root one, or a library's such as allauth's).
"""

import ast
import re
from functools import cache
from pathlib import Path

import polib
import pytest
from django.utils import translation

REPO = Path(__file__).resolve().parents[2]
SKIP_DIRS = {".venv", ".var", "tests", "migrations", "node_modules", "bench", ".git", "static"}
LANGUAGES = ("nl", "fr")
GETTEXT_NAMES = {
    "_": 0,
    "_lazy": 0,
    "gettext": 0,
    "gettext_lazy": 0,
    "gettext_noop": 0,
    "ngettext": 0,
    "ngettext_lazy": 0,
}
PGETTEXT_NAMES = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}


def _project_files(suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(
        path
        for path in REPO.rglob("*")
        if path.suffix in suffixes
        and not SKIP_DIRS.intersection(path.relative_to(REPO).parts)
        and path.is_file()
    )


def _po_files() -> list[Path]:
    return [p for p in _project_files((".po",)) if "LC_MESSAGES" in p.parts]


# --- msgids of the code ---------------------------------------------------------------------

TRANSLATE_TAG = re.compile(
    r"""\{%\s*(?:translate|trans)\s+(?P<q>["'])(?P<msgid>.*?)(?P=q)"""
    r"""(?:\s+context\s+(?P<cq>["'])(?P<ctx>.*?)(?P=cq))?[^%]*%\}""",
    re.S,
)
BLOCK_TAG = re.compile(
    r"\{%\s*(?:blocktranslate|blocktrans)(?P<args>[^%]*)%\}(?P<body>.*?)"
    r"\{%\s*(?:endblocktranslate|endblocktrans)\s*%\}",
    re.S,
)
VARIABLE = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def _block_msgid(args: str, body: str) -> tuple[str | None, str]:
    singular = re.split(r"\{%\s*plural\s*%\}", body)[0]
    if "trimmed" in args:
        singular = " ".join(line.strip() for line in singular.strip().splitlines() if line.strip())
    context = re.search(r"""context\s+(["'])(.*?)\1""", args)
    return (context.group(2) if context else None), VARIABLE.sub(r"%(\1)s", singular)


def _template_msgids(text: str) -> list[tuple[str | None, str]]:
    found = [(m["ctx"], m["msgid"]) for m in TRANSLATE_TAG.finditer(text)]
    found += [_block_msgid(m["args"], m["body"]) for m in BLOCK_TAG.finditer(text)]
    return found


def _python_msgids(source: str) -> list[tuple[str | None, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        strings = [a.value for a in node.args if isinstance(a, ast.Constant)]
        if not all(isinstance(s, str) for s in strings):
            continue
        if name in GETTEXT_NAMES and strings:
            found.append((None, strings[0]))
        elif name in PGETTEXT_NAMES and len(strings) >= 2:
            found.append((strings[0], strings[1]))
    return found


@cache
def code_msgids() -> dict[tuple[str | None, str], str]:
    """(context, msgid) -> the first file that uses it."""
    msgids: dict[tuple[str | None, str], str] = {}
    for path in _project_files((".html", ".txt")):
        if "templates" not in path.parts:
            continue
        for key in _template_msgids(path.read_text()):
            msgids.setdefault(key, str(path.relative_to(REPO)))
    for path in _project_files((".py",)):
        for key in _python_msgids(path.read_text()):
            msgids.setdefault(key, str(path.relative_to(REPO)))
    return msgids


def test_the_extraction_finds_the_strings_it_must_check():
    """Guards the checks below: an extractor that finds nothing would pass them all."""
    msgids = code_msgids()
    assert len(msgids) > 500
    assert (None, "Send the reset link") in msgids  # {% translate %}
    assert (None, "Deactivate %(name)s") in msgids  # {% blocktranslate with %}
    assert ("security event", "Login") in msgids  # pgettext_lazy
    assert (None, "Unknown action.") in msgids  # _() in a view


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_of_the_code_is_translated(language):
    with translation.override(language):
        catalog = translation.trans_real.translation(language)._catalog
    missing = []
    for (context, msgid), where in code_msgids().items():
        key = f"{context}\x04{msgid}" if context else msgid
        value = catalog.get(key, catalog.get((key, 0)))
        if not value:
            missing.append(f"{where}: {msgid!r}")
    assert not missing, f"{len(missing)} strings without a {language} translation:\n" + "\n".join(
        sorted(missing)
    )


# --- the catalogs themselves -------------------------------------------------------------


def test_no_catalog_entry_is_fuzzy_or_empty():
    problems = []
    for path in _po_files():
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            if entry.fuzzy:
                problems.append(f"{path.relative_to(REPO)}:{entry.linenum} fuzzy {entry.msgid!r}")
            elif not entry.translated():
                problems.append(f"{path.relative_to(REPO)}:{entry.linenum} empty {entry.msgid!r}")
    assert not problems, "\n".join(problems)


SENTENCE_END = re.compile(r"(?<=[.!?])(?=\s|[A-ZÀ-Ý])")


def repeated_sentence(text: str) -> str | None:
    """A sentence said twice in one translation (with or without a space between)."""
    half = len(text) // 2
    for cut in (half, half + 1):
        first, second = text[:cut].strip(), text[cut:].strip()
        if len(first) > 10 and first == second:
            return first
    sentences = [s.strip() for s in SENTENCE_END.split(text) if len(s.strip()) > 15]
    seen = set()
    for sentence in sentences:
        if sentence in seen:
            return sentence
        seen.add(sentence)
    return None


def test_the_repeat_check_catches_a_doubled_sentence():
    assert repeated_sentence("Vérifiez vos données.Vérifiez vos données.")
    assert repeated_sentence("Une phrase assez longue. Une autre. Une phrase assez longue.")
    assert repeated_sentence("Une phrase assez longue, puis la suite.") is None


def test_no_translation_says_a_sentence_twice():
    problems = []
    for path in _po_files():
        for entry in polib.pofile(str(path)):
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                if repeated_sentence(text) and not repeated_sentence(entry.msgid):
                    problems.append(f"{path.relative_to(REPO)}:{entry.linenum} {entry.msgid!r}")
    assert not problems, "\n".join(problems)


# --- templates: text people read must be marked for translation ---------------------------

TAG_OR_VARIABLE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)
COMMENT_BLOCK = re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)
TRANSLATED_BLOCK = re.compile(
    r"\{%\s*blocktrans(?:late)?[^%]*%\}.*?\{%\s*endblocktrans(?:late)?\s*%\}", re.S
)
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
HTML_TAG = re.compile(r"<[^>]*>")
READ_ATTRIBUTE = re.compile(r"""\b(?:alt|title|placeholder|aria-label)=(["'])([^"'\x00]*)\1""")
WORD = re.compile(r"[A-Za-z]+")
# Words that only English text is made of: a piece with one of them is English. None of them is
# also a French or Dutch word ("is", "was", "in", "on", "page", "moment" are), and names and
# the company's French address share none of them.
ENGLISH = set(
    """the and of to are be has have you your our this that these those with for not it its by
    from at if then there please can cannot will would should may must any more less only also
    when what which who how why yes save delete cancel submit next error wrong went something
    request found sorry try again notified""".split()  # noqa: SIM905
)
# Rendered without the request (its host is untrusted), so it says everything in nl, fr and en.
NOT_TRANSLATED = {"templates/errors/400.html"}


def unmarked_english(template: str) -> list[str]:
    text = COMMENT_BLOCK.sub(" ", template)
    text = TRANSLATED_BLOCK.sub(" ", text)
    text = SCRIPT_OR_STYLE.sub(" ", text)
    text = HTML_COMMENT.sub(" ", text)
    text = TAG_OR_VARIABLE.sub("\x00", text)
    attributes = [m.group(2) for m in READ_ATTRIBUTE.finditer(text)]
    pieces = [p.replace("\x00", " ").strip() for p in HTML_TAG.split(text)] + attributes
    return [piece for piece in pieces if {w.lower() for w in WORD.findall(piece)} & ENGLISH]


def test_the_unmarked_text_check_sees_text_and_attributes_but_not_marked_strings():
    assert unmarked_english("<p>Save your changes</p>") == ["Save your changes"]
    assert unmarked_english('<img alt="Your photo" src="x">') == ["Your photo"]
    marked = (
        '<p>{% translate "Save your changes" %}</p>'
        "{% blocktranslate %}Hello {{ name }}, welcome{% endblocktranslate %}"
        "<img alt=\"{% translate 'Your photo' %}\"><p>{{ user.name }}</p><p>Perfony</p>"
    )
    assert unmarked_english(marked) == []


def test_no_template_shows_english_that_is_not_marked_for_translation():
    problems = []
    for path in _project_files((".html",)):
        if "templates" not in path.parts or str(path.relative_to(REPO)) in NOT_TRANSLATED:
            continue
        for piece in unmarked_english(path.read_text()):
            problems.append(f"{path.relative_to(REPO)}: {piece!r}")
    assert not problems, "\n".join(problems)

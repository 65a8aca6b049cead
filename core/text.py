"""Hostile text made harmless where it leaves one context for another: forms, mail headers, CSV."""

import re
import unicodedata

# Control characters (Cc: CR, LF, TAB, NUL, DEL, C1...) and the Unicode line and paragraph
# separators (Zl, Zp). Format characters (Cf) are kept: they are needed in some scripts
# (zero-width joiner) and do not break a line.
_LINE_BREAKING = {"Cc", "Zl", "Zp"}
_SPACES = re.compile(r"\s+")
# A phone number as the profile form stores it (E.164): + then up to 15 digits.
_E164 = re.compile(r"\+[1-9][0-9]{1,14}")
# A spreadsheet runs a cell that starts with one of these as a formula (or DDE command).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def single_line(value: str) -> str:
    """One line of text: each control character becomes a space, runs of spaces become one."""
    cleaned = "".join(
        " " if unicodedata.category(char) in _LINE_BREAKING else char for char in value
    )
    return _SPACES.sub(" ", cleaned).strip()


def email_subject(text) -> str:
    """A mail subject that cannot carry a header injection, whatever the data it was made of.

    Django refuses a subject with CR or LF (BadHeaderError), so one company name with a newline
    would stop every mail that names it: flatten instead, for new and old data alike.
    """
    return single_line(str(text))


def csv_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text instead of running it as a formula.

    A leading quote is the usual neutraliser (OWASP). A plain E.164 phone number is left
    readable: it cannot call a function, and "'+33..." would surprise the reader.
    """
    if value.startswith(_FORMULA_STARTS) and not _E164.fullmatch(value):
        return "'" + value
    return value

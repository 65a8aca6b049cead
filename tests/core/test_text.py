"""Hostile text neutralised: one-line fields, mail subjects, spreadsheet cells."""

import pytest
from django.core.mail import EmailMessage

from core.forms import SingleLineCharField
from core.text import csv_cell, email_subject, single_line


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Acme\r\nBcc: victim@example.org", "Acme Bcc: victim@example.org"),
        ("Acme\nSA", "Acme SA"),
        ("Tab\there", "Tab here"),
        ("nul\x00and\x7fdel\x85nel", "nul and del nel"),
        ("line\u2028para\u2029end", "line para end"),
        ("  spaced   out  ", "spaced out"),
        ("Zoë & Łukasz", "Zoë & Łukasz"),
    ],
)
def test_single_line_replaces_every_control_character(typed, kept):
    assert single_line(typed) == kept


def test_single_line_field_cleans_at_input_and_still_requires_a_value():
    field = SingleLineCharField(max_length=20)
    assert field.clean("Acme\r\nSA") == "Acme SA"
    with pytest.raises(Exception, match="required"):
        field.clean("\r\n\t")


def test_email_subject_never_breaks_a_mail_header():
    subject = email_subject("Invitation to Acme\r\nBcc: victim@example.org")
    EmailMessage(subject, "body", "a@example.org", ["b@example.org"]).message()  # no BadHeader
    assert "\n" not in subject and "\r" not in subject


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("+33612345678", "+33612345678"),  # a plain E.164 phone number stays readable
        ("+33612345678=1", "'+33612345678=1"),
        ("+", "'+"),
        ("Roadmap = plan", "Roadmap = plan"),
        ("", ""),
    ],
)
def test_csv_cell_neutralises_formulas_but_not_phone_numbers(value, cell):
    assert csv_cell(value) == cell

"""Form fields shared by every app."""

from django import forms

from core.text import single_line


class SingleLineCharField(forms.CharField):
    """A one-line text (a name, a title): CR, LF, TAB and other control characters become
    spaces at input, so the value can later go into a mail subject, a header or a CSV row."""

    def to_python(self, value):
        value = super().to_python(value)
        return single_line(value) if value else value

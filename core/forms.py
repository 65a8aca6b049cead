"""Form fields shared by every app, and the base of every public form (captcha, honeypot)."""

from typing import cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from core import captcha
from core.text import single_line


class SingleLineCharField(forms.CharField):
    """A one-line text (a name, a title): CR, LF, TAB and other control characters become
    spaces at input, so the value can later go into a mail subject, a header or a CSV row."""

    def to_python(self, value):
        value = super().to_python(value)
        return single_line(value) if value else value


class ProtectedForm(forms.Form):
    """Adds the math captcha and a honeypot to a public form."""

    captcha_token = forms.CharField(widget=forms.HiddenInput)
    captcha_answer = forms.IntegerField(min_value=0, max_value=1000, label_suffix="")
    # Hidden by CSS; people leave it empty, form-filling bots do not.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"class": "hp", "tabindex": "-1", "autocomplete": "off"}),
    )

    CAPTCHA_FIELDS = ("captcha_token", "captcha_answer", "website")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([n for n in self.fields if n not in self.CAPTCHA_FIELDS])
        self._challenge_set(captcha.challenge_new())

    def _challenge_set(self, challenge: captcha.Challenge) -> None:
        self.fields["captcha_answer"].label = _("Anti-spam question: %(question)s =") % {
            "question": challenge.question
        }
        self.fields["captcha_token"].initial = challenge.token
        self.new_token = challenge.token

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        if "captcha_answer" in self.errors:
            return cleaned  # already told "required" or "enter a number"
        try:
            captcha.challenge_verify(
                token=self.data.get("captcha_token", ""), answer=cleaned.get("captcha_answer")
            )
        except captcha.CaptchaError as exc:
            self.add_error("captcha_answer", str(exc))
        return cleaned

    def captcha_refresh(self) -> None:
        """Before showing the form again: a fresh question, everything else as typed."""
        data = cast(QueryDict, self.data).copy()  # what was posted, made mutable
        data["captcha_token"] = self.new_token
        data["captcha_answer"] = ""
        self.data = data

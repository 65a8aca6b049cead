from django import forms
from django.utils.translation import gettext_lazy as _

from surveys.models import COMMENT_MAX, QUESTIONS

RATING_CHOICES = [
    (1, _("1 (poor)")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _("5 (excellent)")),
]


class SurveyResponseForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=COMMENT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown to the organiser only when at least 3 people answered."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ratings = {
            key: forms.TypedChoiceField(
                label=label, choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
            )
            for key, label in QUESTIONS
        }
        self.fields = {**ratings, **self.fields}

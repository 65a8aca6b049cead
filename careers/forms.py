from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from careers.models import Application
from careers.services import application_status_validate
from careers.validators import validate_pdf
from core.forms import ProtectedForm, SingleLineCharField


class ApplicationForm(ProtectedForm):
    name = SingleLineCharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"))
    phone = SingleLineCharField(label=_("Phone"), max_length=40)
    cv = forms.FileField(
        label=_("CV"),
        help_text=_("PDF, 5 MB at most."),
        validators=[validate_pdf],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    cover_letter = forms.CharField(label=_("Cover letter"), max_length=10000, widget=forms.Textarea)


class ApplicationStatusForm(forms.ModelForm):
    """Back office: the only fields staff change on an application."""

    class Meta:
        model = Application
        fields = ["status", "employment_start", "employment_end"]

    def clean(self):
        cleaned = super().clean()
        try:
            application_status_validate(
                cleaned.get("status"),
                cleaned.get("employment_start"),
                cleaned.get("employment_end"),
            )
        except ValidationError as exc:
            self.add_error(None, exc)
        return cleaned

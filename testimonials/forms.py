from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import SingleLineCharField


class ConsentForm(forms.Form):
    """Every box starts unticked: what is not ticked is not published."""

    signer_name = SingleLineCharField(label=_("Your name"), max_length=200)
    show_name = forms.BooleanField(label=_("Show my name"), required=False, label_suffix="")
    show_function = forms.BooleanField(label=_("Show my function"), required=False, label_suffix="")
    show_logo = forms.BooleanField(
        label=_("Show our company logo"), required=False, label_suffix=""
    )
    show_quote = forms.BooleanField(label=_("Publish the quote"), required=False, label_suffix="")

    def scope(self) -> set[str]:
        return {
            part
            for part in ("name", "function", "logo", "quote")
            if self.cleaned_data.get(f"show_{part}")
        }


class RevokeForm(forms.Form):
    """No fields: the signed link says which consent; the button makes it deliberate."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import SingleLineCharField
from tenants.models import Extranet
from tenants.services import extranet_create


class ExtranetChangeForm(forms.ModelForm):
    """Back-office edit: the company name goes into mail subjects, so it stays one line."""

    class Meta:
        model = Extranet
        fields = ["name", "contract_start", "contract_end", "legal_hold", "legal_hold_reason"]
        field_classes = {"name": SingleLineCharField}


class ExtranetCreateForm(forms.ModelForm):
    """Back-office provisioning: the same service as `manage.py create_extranet`."""

    admin_email = forms.EmailField(
        label=_("first admin's email"),
        help_text=_("Receives a one-time link to set a password."),
    )

    class Meta:
        model = Extranet
        fields = ["slug", "name", "contract_start"]
        field_classes = {"name": SingleLineCharField}

    def validate_unique(self):
        pass  # the service checks duplicates and reports them on the slug field

    def _post_clean(self):
        # Skip the model's own validation: extranet_create validates and builds the instance.
        self.provisioned = None

    def create(self, *, actor):
        try:
            self.provisioned = extranet_create(
                slug=self.cleaned_data["slug"],
                company_name=self.cleaned_data["name"],
                admin_email=self.cleaned_data["admin_email"],
                contract_start=self.cleaned_data.get("contract_start"),
                actor=actor,
            )
        except ValidationError as exc:
            mapping = {"company_name": "name"}
            for field, messages in exc.message_dict.items():
                for message in messages:
                    self.add_error(mapping.get(field, field), message)
            return None
        return self.provisioned

import phonenumbers
from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.selectors import email_is_verified
from accounts.usernames import username_normalise, username_validate
from core.forms import SingleLineCharField
from core.sectors import Sector
from extranet import selectors
from extranet.avatars import validate_avatar
from extranet.models import Country
from extranet.services import PROFILE_FIELDS


def phone_to_e164(value: str, *, region: str | None = None) -> str:
    """'+32 470 12 34 56' -> '+32470123456'; '06 12 34 56 78' with region 'FR' ->
    '+33612345678'. Raises ValidationError when not a real number."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise forms.ValidationError(
            _("Enter a valid phone number, e.g. +32 470 12 34 56 or 06 12 34 56 78."),
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = list(PROFILE_FIELDS)
        field_classes = dict.fromkeys(
            ("first_name", "last_name", "position", "function"), SingleLineCharField
        )
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "postal_address": forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
            "position": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "function": forms.TextInput(),
        }
        help_texts = {
            "phone": _(
                "E.g. +32 470 12 34 56; a number without a country code is read as one of "
                "your company's country."
            ),
            "position": _("Your job title, e.g. Head of operations."),
            "function": _("Your area of work, e.g. Finance, Human resources."),
        }

    def __init__(self, *args, region: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        return phone_to_e164(value, region=self.region) if value else ""

    def clean_first_name(self):
        value = self.cleaned_data["first_name"].strip()
        if not value:
            raise forms.ValidationError(_("Enter your first name."), code="required")
        return value

    def clean_last_name(self):
        value = self.cleaned_data["last_name"].strip()
        if not value:
            raise forms.ValidationError(_("Enter your last name."), code="required")
        return value


class AvatarForm(forms.Form):
    avatar = forms.FileField(
        label=_("New photo"),
        help_text=_("JPEG, PNG or WebP, at most 2 MB and 4096 × 4096 pixels."),  # noqa: RUF001
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean_avatar(self):
        upload = self.cleaned_data["avatar"]
        validate_avatar(upload)
        return upload


class EmailChangeForm(forms.Form):
    email = forms.EmailField(
        label=_("New email address"),
        help_text=_(
            "We send a confirmation link to the new address; it changes once you click it."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email == self.user.email.lower():
            if email_is_verified(user=self.user):
                raise forms.ValidationError(_("This is already your email address."), code="same")
            return email  # not proved yet: the link proves it
        if selectors.email_is_taken(email=email, exclude_user=self.user):
            raise forms.ValidationError(
                _("Another member of this extranet already uses this address."), code="taken"
            )
        return email


class CompanyForm(forms.Form):
    name = SingleLineCharField(
        label=_("Company name"),
        max_length=200,
        error_messages={"required": _("The company name is required.")},
    )
    postal_address = forms.CharField(
        label=_("Postal address"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    sector = forms.ChoiceField(
        label=_("Sector of activity"), choices=[("", "—"), *Sector.choices], required=False
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=Country.choices,
        required=False,  # left out, the country stays as it was
        help_text=_("Phone numbers without a country code are read as numbers of this country."),
    )

    def clean_name(self):
        value = self.cleaned_data["name"].strip()
        if not value:
            raise forms.ValidationError(_("The company name is required."), code="required")
        return value


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the person to invite"))

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if selectors.email_is_taken(email=email):
            raise forms.ValidationError(
                _("This person is already a member of this extranet."), code="member"
            )
        return email


class InvitationAcceptForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_username(self):
        username = username_normalise(self.cleaned_data["username"])
        username_validate(username)
        if selectors.username_is_taken(username=username):
            raise forms.ValidationError(_("This username is already taken."), code="taken")
        return username

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            candidate = User(username=cleaned.get("username", ""), email=self.email)
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned

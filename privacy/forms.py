from django import forms
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from privacy.models import SubjectRequest

Type = SubjectRequest.Type
Consent = SubjectRequest.Consent
# What the back office can act on: these consents end on the suppression list. Cookie consents
# live in the visitor's browser, recorded by the banner: only the banner can withdraw them.
ACTIONABLE_CONSENTS = [(c.value, c.label) for c in (Consent.NEWSLETTER, Consent.PARTNERS)]
COOKIE_CONSENTS_HELP = format_lazy(
    '{} <a href="{}">{}</a>.',
    _("Cookie choices are not withdrawn here but in the cookie settings, at any time:"),
    reverse_lazy("consent_settings"),
    _("Cookie settings"),
)


def _consent_required(form: forms.Form, data: dict) -> None:
    """A withdrawal names the consent it withdraws, wherever it is filed."""
    if data.get("type") == Type.WITHDRAW_CONSENT and not data.get("consent"):
        form.add_error("consent", _("Choose the consent you withdraw."))


class DpoForm(forms.Form):
    """Anyone's question or request to the DPO; identity is checked by an emailed link."""

    type = forms.ChoiceField(label=_("What would you like?"), choices=Type.choices)
    consent = forms.ChoiceField(
        label=_("Which consent do you withdraw?"),
        choices=[("", "—"), *ACTIONABLE_CONSENTS],
        required=False,
        help_text=format_lazy(
            "{} {}", _("Only for a withdrawal of consent."), COOKIE_CONSENTS_HELP
        ),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We send a link to this address to check that it is yours."),
    )
    details = forms.CharField(
        label=_("Your question or details"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
    )

    def clean(self):
        data = super().clean()
        _consent_required(self, data)
        if data.get("type") in (Type.QUESTION, Type.RECTIFICATION) and not data.get("details"):
            self.add_error("details", _("Tell us your question or what to correct."))
        return data


# Each right of /my-data/ in one sentence, with the button of its own small form; "field" is
# the one extra field of MyDataRequestForm that right needs.
MY_DATA_RIGHTS = (
    {
        "type": Type.ACCESS,
        "text": _("See a copy of everything this extranet holds about you."),
        "button": _("Ask for my data"),
    },
    {
        "type": Type.PORTABILITY,
        "text": _("Get your data in files (JSON and CSV) you can take to another service."),
        "button": _("Ask for a portable copy"),
    },
    {
        "type": Type.RECTIFICATION,
        "text": _(
            "Have wrong data corrected. Most of your profile you can fix yourself in Preferences."
        ),
        "button": _("Ask for a correction"),
        "field": "details",
    },
    {
        "type": Type.ERASURE,
        "text": _("Have your data erased, except what the law makes us keep for a while."),
        "button": _("Ask for erasure"),
    },
    {
        "type": Type.OBJECTION_PROSPECTING,
        "text": _("Stop receiving commercial offers from us."),
        "button": _("Object to prospecting"),
    },
    {
        "type": Type.OBJECTION_PARTNERS,
        "text": _("Stop your data from being shared with our partners."),
        "button": _("Object to sharing"),
    },
    {
        "type": Type.WITHDRAW_CONSENT,
        "text": _("Take back a consent you gave; what was done before stays lawful."),
        "button": _("Withdraw the consent"),
        "field": "consent",
    },
)


# The same rights on /dpo/, for anyone: each sentence links to the form with that request chosen.
PUBLIC_RIGHTS = (
    (Type.ACCESS, _("Find out whether we hold data about you, and get a copy.")),
    (Type.PORTABILITY, _("Get the data you gave us in files (JSON and CSV) for another service.")),
    (Type.RECTIFICATION, _("Have wrong or incomplete data about you corrected.")),
    (Type.ERASURE, _("Have your data erased, except what the law makes us keep for a while.")),
    (Type.OBJECTION_PROSPECTING, _("Stop receiving commercial offers from us.")),
    (Type.OBJECTION_PARTNERS, _("Stop your data from being shared with our partners.")),
    (Type.WITHDRAW_CONSENT, _("Take back a consent you gave; what was done before stays lawful.")),
    (Type.QUESTION, _("Ask our data protection officer anything about how we handle your data.")),
)


class MyDataRequestForm(forms.Form):
    """A signed-in extranet user's request about their own account."""

    type = forms.ChoiceField(
        label=_("Request"), choices=[c for c in Type.choices if c[0] != Type.QUESTION]
    )
    consent = forms.ChoiceField(
        label=_("Which consent do you withdraw?"),
        choices=[("", "—"), *ACTIONABLE_CONSENTS],
        required=False,
        help_text=COOKIE_CONSENTS_HELP,
    )
    details = forms.CharField(
        label=_("Details"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )

    def clean(self):
        data = super().clean()
        _consent_required(self, data)
        if data.get("type") == Type.RECTIFICATION and not data.get("details"):
            self.add_error("details", _("Tell us what to correct."))
        return data


class ProspectRectifyForm(forms.Form):
    """Staff correct a prospect record (the public site's contact data) on a rectification."""

    name = forms.CharField(label=_("name"), max_length=200, required=False)
    phone = forms.CharField(label=_("phone"), max_length=40, required=False)
    company = forms.CharField(label=_("company"), max_length=200, required=False)


def rectify_forms(*, targets, data=None) -> list:
    """One bound (or initial) form per target: the account's Preferences form, or the
    prospect's; each with its target's key as prefix, so several never mix."""
    from privacy.rectification import rectification_form, target_initial

    forms_ = []
    for target in targets:
        if target.kind == "prospect":
            form_class = ProspectRectifyForm
        else:
            form_class = rectification_form(kind=target.kind)
        form = form_class(data, prefix=target.key, initial=target_initial(target))
        forms_.append((target, form))
    return forms_

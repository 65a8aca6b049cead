from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ProtectedForm, SingleLineCharField
from prospects.models import NewsletterIssue


class ContactForm(ProtectedForm):
    name = SingleLineCharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"))
    phone = SingleLineCharField(label=_("Phone (optional)"), max_length=40, required=False)
    company = SingleLineCharField(label=_("Company (optional)"), max_length=200, required=False)
    message = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea)
    news = forms.BooleanField(
        label=_("Send me news about Perfony (newsletter, events). I can unsubscribe at any time."),
        required=False,
    )
    partners = forms.BooleanField(
        label=_(
            "Share my details with Perfony's partners for joint offers. I can object at any time."
        ),
        required=False,
    )


class NewsletterForm(ProtectedForm):
    name = SingleLineCharField(label=_("Name (optional)"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"))
    consent = forms.BooleanField(
        label=_(
            "Send me the Perfony newsletter. I will confirm through the link emailed to me, "
            "and I can unsubscribe at any time."
        ),
        required=True,
        error_messages={"required": _("Tick the box to subscribe.")},
    )


class ReferralForm(ProtectedForm):
    referrer_name = SingleLineCharField(label=_("Your name"), max_length=200)
    referrer_email = forms.EmailField(label=_("Your email"))
    friend_name = SingleLineCharField(label=_("Your friend's name"), max_length=200)
    friend_email = forms.EmailField(
        label=_("Your friend's email"),
        help_text=_("We send one invitation and keep neither the name nor the address."),
    )

    def clean(self):
        cleaned = super().clean()
        mine, theirs = cleaned.get("referrer_email"), cleaned.get("friend_email")
        if mine and theirs and mine.lower() == theirs.lower():
            self.add_error("friend_email", _("Enter your friend's address, not your own."))
        return cleaned


class NewsletterIssueForm(forms.ModelForm):
    """Back office: the subject is a mail header, so it stays one line."""

    class Meta:
        model = NewsletterIssue
        fields = ["subject", "body"]
        field_classes = {"subject": SingleLineCharField}


class UnsubscribeForm(forms.Form):
    """Empty: the signed token in the URL says who; the button makes it a deliberate POST."""

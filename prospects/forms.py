from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import SingleLineCharField
from prospects import captcha
from prospects.models import NewsletterIssue


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
        self.data = self.data.copy()
        self.data["captcha_token"] = self.new_token
        self.data["captcha_answer"] = ""


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

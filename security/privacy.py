from django.utils.translation import gettext_lazy as _

from privacy.registry import KEEP, PERSONAL, Anonymise, PersonalModel, Retained, Row, register

register(
    PersonalModel(
        model="security.SecurityEvent",
        category="security_log",
        description=_(
            "Security log: logins, failed logins, logouts, password and email changes, "
            "with time, IP address and browser."
        ),
        purpose=_("Protecting your account and the extranet against intrusion."),
        retention=_("12 months, then deleted."),
        scope="tenant",
        subject="user",
        # Erasure keeps the fact that an event happened (the extranet's security record) but
        # redacts what points to the person: the IP and the browser.
        row=Row.ANONYMISE,
        retained=Retained(
            basis=_("Legitimate interest in the security of the service (GDPR Art. 6(1)(f))"),
            until=_("12 months after the event"),
        ),
        fields={
            "id": KEEP,
            "created_at": KEEP,
            "user": Anonymise(None),
            "kind": KEEP,
            "ip": Anonymise("0.0.0.0"),  # noqa: S104  (a redaction marker, not a bind address)
            "user_agent": Anonymise(""),
        },
    )
)

register(
    PersonalModel(
        model="security.KnownBrowser",
        category="security_log",
        description=_("Browsers you logged in from (a hash of the browser-id cookie)."),
        purpose=_("Warning you of a login from a new browser."),
        retention=_("As long as your account exists."),
        scope="tenant",
        subject="user",
        fields={
            "id": KEEP,
            "user": PERSONAL,
            "browser_hash": PERSONAL,
            "first_seen": KEEP,
            "last_seen": KEEP,
        },
    )
)

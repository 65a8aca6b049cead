from django.utils.translation import gettext_lazy as _

from privacy.registry import (
    KEEP,
    PERSONAL,
    Anonymise,
    PersonalModel,
    Retained,
    Retention,
    Row,
    Scope,
    Source,
    by_user,
    legitimate_interest,
    register,
)

_SECURITY = legitimate_interest(_("the security of the service and of your account"))

register(
    PersonalModel(
        model="security.SecurityEvent",
        category="security_log",
        description=_(
            "Security log: logins, failed logins, logouts, password and email changes, "
            "with time, IP address and browser."
        ),
        purpose=_("Protecting your account and the extranet against intrusion."),
        legal_basis=_SECURITY,
        scope=Scope.TENANT,
        # The account only: what was typed as login is never stored (security/models.py).
        subject=by_user("user"),
        recipients=("hosting", "customer"),
        sources=(Source.OBSERVED,),
        retention=Retention(
            key="security_log",
            label=_("Security log (logins, failed logins, password and address changes)"),
            anchor=_("the recording of the entry"),
            period={"months": 12},
            basis=_("CNIL recommendation on connection logs, for investigating an intrusion"),
            anchor_field="created_at",
        ),
        # Erasure keeps the fact that an event happened (the extranet's security record) but
        # redacts what points to the person: the IP and the browser.
        row=Row.ANONYMISE,
        retained=Retained(
            basis=_("Legitimate interest in the security of the service (GDPR Art. 6(1)(f))")
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
        legal_basis=_SECURITY,
        scope=Scope.TENANT,
        subject=by_user("user"),
        sources=(Source.OBSERVED,),
        fields={
            "id": KEEP,
            "user": PERSONAL,
            "browser_hash": PERSONAL,
            "first_seen": KEEP,
            "last_seen": KEEP,
        },
    )
)

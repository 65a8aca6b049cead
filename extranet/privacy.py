from django.utils.translation import gettext_lazy as _

from extranet.forms import ProfileForm
from privacy.rectification import rectification_form_register
from privacy.registry import (
    KEEP,
    PERSONAL,
    PersonalModel,
    Retention,
    Scope,
    Source,
    by_email,
    by_user,
    legitimate_interest,
    not_personal,
    register,
)
from retention.policies import FirstOf

not_personal(
    "extranet.CompanyProfile",
    "The customer company's address and sector: data about a company, not a person.",
)


register(
    PersonalModel(
        model="extranet.Invitation",
        category="invitations",
        description=_("Invitations to join the extranet: the invited address and when."),
        purpose=_("Letting an extranet admin add members."),
        legal_basis=legitimate_interest(
            _("your company's interest in adding its members to its extranet")
        ),
        scope=Scope.TENANT,
        # The invited address, or the account that accepted it: the same rows for export,
        # erasure and the purge's hold check.
        subject=(by_email("email"), by_user("accepted_user")),
        recipients=("hosting", "email", "customer"),
        sources=(Source.EXTRANET_ADMIN,),
        data_subjects=_("People invited to an extranet"),
        retention=Retention(
            key="invitations",
            label=_("Invitations to join an extranet"),
            anchor=_("the acceptance or expiry of the invitation"),
            period={"days": 30},
            basis=_("Investigating a misused invitation shortly after it was used"),
            # Accepted or expired (an accepted invitation was accepted before it expired).
            expiry=FirstOf(("accepted_at", "expires_at")),
        ),
        fields={
            "id": KEEP,
            "email": PERSONAL,
            "token_hash": KEEP,
            "invited_by": KEEP,
            "created_at": KEEP,
            "expires_at": KEEP,
            "accepted_at": KEEP,
            "accepted_user": PERSONAL,
        },
    )
)

# Staff correct an account (a rectification request) with the Preferences form: the same
# validation (the phone in E.164, single-line names) as when its owner edits it.
rectification_form_register(kind="user", form_class=ProfileForm)

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from privacy.registry import KEEP, PERSONAL, PersonalModel, not_personal, register

not_personal(
    "extranet.CompanyProfile",
    "The customer company's address and sector: data about a company, not a person.",
)


def _invitation_subject(subject) -> Q:
    q = Q(email__iexact=subject.email)
    if subject.user_id is not None:
        q |= Q(accepted_user=subject.user_id)
    return q


register(
    PersonalModel(
        model="extranet.Invitation",
        category="invitations",
        description=_("Invitations to join the extranet: the invited address and when."),
        purpose=_("Letting an extranet admin add members."),
        retention=_("Until accepted or expired, then 30 days."),
        scope="tenant",
        subject="email",
        subject_q=_invitation_subject,
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

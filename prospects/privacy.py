from django.utils.translation import gettext_lazy as _

from privacy.registry import (
    CONSENT,
    KEEP,
    PERSONAL,
    KeptWhile,
    PersonalModel,
    Retained,
    Retention,
    Row,
    Scope,
    Source,
    by_email,
    legal_obligation,
    legitimate_interest,
    not_personal,
    register,
)
from retention.policies import Child

_PROSPECTS = _("Prospects and visitors who contacted us")
_ANSWERING = legitimate_interest(_("answering the people who contact us"))

register(
    PersonalModel(
        model="prospects.Prospect",
        category="prospect",
        description=_("Your contact details as a prospect: name, email, phone, company."),
        purpose=_("Answering you and, if you agreed, sending you news."),
        legal_basis=_ANSWERING,
        scope=Scope.PUBLIC,
        subject=by_email("email"),
        recipients=("hosting", "email", "partners"),
        data_subjects=_PROSPECTS,
        retention=Retention(
            key="prospects",
            label=_("Prospects: contact messages, newsletter subscription and opt-in proofs"),
            anchor=_("your last contact with Perfony"),
            period={"years": 3},
            basis=_("CNIL guidance on prospect files: kept from the last contact only"),
            anchor_field="last_contact_at",
            children=(
                Child("prospects.ContactMessage", "prospect"),
                Child("prospects.OptInProof", "prospect"),
                Child(
                    "prospects.NewsletterSubscription",
                    "prospect",
                    children=(Child("prospects.NewsletterDelivery", "subscription"),),
                ),
            ),
        ),
        fields={
            "id": KEEP,
            "email": PERSONAL,
            "name": PERSONAL,
            "phone": PERSONAL,
            "company": PERSONAL,
            "language": KEEP,
            "created_at": KEEP,
            "last_contact_at": KEEP,
        },
    )
)

register(
    PersonalModel(
        model="prospects.ContactMessage",
        category="contact_messages",
        description=_("Messages you sent through the contact form."),
        purpose=_("Answering your questions."),
        legal_basis=_ANSWERING,
        scope=Scope.PUBLIC,
        subject=by_email("prospect__email"),
        data_subjects=_PROSPECTS,
        fields={"id": KEEP, "prospect": PERSONAL, "message": PERSONAL, "created_at": KEEP},
    )
)

register(
    PersonalModel(
        model="prospects.OptInProof",
        category="consents",
        description=_("Proof of each box you ticked: when, the exact text and a truncated IP."),
        purpose=_("Proving your consent to news and to partner sharing."),
        legal_basis=legal_obligation(_("demonstrating consent (GDPR Art. 7(1))")),
        scope=Scope.PUBLIC,
        subject=by_email("prospect__email"),
        sources=(Source.YOU, Source.OBSERVED),
        data_subjects=_PROSPECTS,
        fields={
            "id": KEEP,
            "prospect": PERSONAL,
            "purpose": KEEP,
            "text_shown": KEEP,
            "language": KEEP,
            "source": KEEP,
            "ip_truncated": PERSONAL,
            "created_at": KEEP,
            "withdrawn_at": KEEP,
        },
    )
)

register(
    PersonalModel(
        model="prospects.NewsletterSubscription",
        category="newsletter",
        description=_("Your newsletter subscription: when requested, confirmed, ended."),
        purpose=_("Sending you the newsletter you asked for."),
        legal_basis=CONSENT,
        scope=Scope.PUBLIC,
        subject=by_email("prospect__email"),
        recipients=("hosting", "email"),
        data_subjects=_PROSPECTS,
        fields={
            "id": KEEP,
            "prospect": PERSONAL,
            "language": KEEP,
            "created_at": KEEP,
            "confirmed_at": KEEP,
            "unsubscribed_at": KEEP,
        },
    )
)

register(
    PersonalModel(
        model="prospects.NewsletterDelivery",
        category="newsletter",
        description=_("Which newsletter issues were sent to you."),
        purpose=_("Sending each issue once."),
        legal_basis=CONSENT,
        scope=Scope.PUBLIC,
        subject=by_email("subscription__prospect__email"),
        recipients=("hosting", "email"),
        sources=(Source.OBSERVED,),
        data_subjects=_PROSPECTS,
        fields={"id": KEEP, "issue": KEEP, "subscription": PERSONAL, "outcome": KEEP, "at": KEEP},
    )
)

not_personal("prospects.NewsletterIssue", "Newsletter content written by staff.")

register(
    PersonalModel(
        model="prospects.PartnerExport",
        category="staff_partner_exports",
        description=_("Log of partner-sharing exports made by Perfony staff."),
        purpose=_("Accountability for every transfer to partners."),
        legal_basis=legitimate_interest(_("accountability for every transfer to partners")),
        scope=Scope.PUBLIC,
        subject=by_email("created_by__email"),
        sources=(Source.STAFF,),
        data_subjects=_("Perfony staff"),
        retention=KeptWhile(
            condition=_("Kept as long as the staff member's account exists."),
            basis=_("Accountability (GDPR Art. 5(2)): record of transfers to partners"),
        ),
        row=Row.RETAIN,
        retained=Retained(
            basis=_("Accountability (GDPR Art. 5(2)): record of transfers to partners")
        ),
        fields={
            "id": KEEP,
            "created_at": KEEP,
            "created_by": PERSONAL,
            "created_by_label": PERSONAL,
            "contact_count": KEEP,
        },
    )
)
not_personal(
    "prospects.UsedCaptchaNonce",
    "Random captcha nonces burnt while Redis was down; deleted after 21 minutes.",
)

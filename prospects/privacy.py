from django.utils.translation import gettext_lazy as _

from privacy.registry import KEEP, PERSONAL, PersonalModel, Retained, Row, not_personal, register

PROSPECT_RETENTION = _("3 years from your last contact with Perfony.")

register(
    PersonalModel(
        model="prospects.Prospect",
        category="prospect",
        description=_("Your contact details as a prospect: name, email, phone, company."),
        purpose=_("Answering you and, if you agreed, sending you news."),
        retention=PROSPECT_RETENTION,
        scope="public",
        subject="email",
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
        retention=PROSPECT_RETENTION,
        scope="public",
        subject="prospect__email",
        fields={"id": KEEP, "prospect": PERSONAL, "message": PERSONAL, "created_at": KEEP},
    )
)

register(
    PersonalModel(
        model="prospects.OptInProof",
        category="consents",
        description=_("Proof of each box you ticked: when, the exact text and a truncated IP."),
        purpose=_("Proving your consent to news and to partner sharing."),
        retention=PROSPECT_RETENTION,
        scope="public",
        subject="prospect__email",
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
        retention=PROSPECT_RETENTION,
        scope="public",
        subject="prospect__email",
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
        retention=PROSPECT_RETENTION,
        scope="public",
        subject="subscription__prospect__email",
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
        retention=_("Kept with the staff account; staff accounts are managed by Perfony."),
        scope="public",
        subject="created_by__email",
        row=Row.RETAIN,
        retained=Retained(
            basis=_("Accountability (GDPR Art. 5(2)): record of transfers to partners"),
            until=_("End of the staff member's employment plus 3 years"),
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

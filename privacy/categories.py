"""People's names for the categories the declarations (each app's privacy.py) file data under.

The declarations name a category by key; /my-data/ shows one card per category with this name.
A category missing here is shown by its key, and tests/privacy/test_privacy_center.py fails.
"""

from django.utils.translation import gettext_lazy as _

CATEGORY_LABELS = {
    "actions": _("Actions"),
    "audit_trail": _("Audit trail"),
    "consents": _("Consents"),
    "contact_messages": _("Contact messages"),
    "cookie_consent": _("Cookie choices"),
    "data_exports": _("Data exports"),
    "email_addresses": _("Email addresses"),
    "invitations": _("Invitations"),
    "job_applications": _("Job applications"),
    "legal_holds": _("Legal holds"),
    "meeting_surveys": _("Meeting surveys"),
    "meetings": _("Meetings"),
    "newsletter": _("Newsletter"),
    "privacy_requests": _("Privacy requests"),
    "profile": _("Your profile"),
    "prospect": _("Commercial contact"),
    "security_log": _("Security log"),
    "sessions": _("Sessions"),
    "staff_admin_log": _("Back office log"),
    "staff_partner_exports": _("Partner exports"),
    "staff_second_factors": _("Second factors"),
    "testimonial_consents": _("Testimonial consents"),
    "testimonials": _("Testimonials"),
}


def category_label(key: str) -> str:
    return str(CATEGORY_LABELS.get(key, key))

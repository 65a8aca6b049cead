"""Who receives personal data besides Perfony: processors acting for us and other recipients.

Declarations name these by key (`PersonalModel.recipients`); the privacy policy's recipients
and transfers section and the Art. 30 register list, for each, the data that reaches it.
Cookie-based third parties (analytics, ads) are listed by the consent app's cookie register.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Recipient:
    key: str
    name: str
    role: Literal["processor", "controller", "recipient"]
    what_for: str
    location: str
    transfer: str = ""  # the safeguard (GDPR Art. 46) when data leaves the EEA; "" if it does not
    extra_data: str = ""  # data outside the declared models that it receives (billing...)

    @property
    def role_label(self) -> str:
        return str(
            {
                "processor": _("processor acting on our instructions (GDPR Art. 28)"),
                "controller": _("separate controller"),
                "recipient": _("recipient"),
            }[self.role]
        )


_EU = _("European Union")

RECIPIENTS: dict[str, Recipient] = {
    r.key: r
    for r in (
        Recipient(
            "hosting",
            _("Our hosting provider"),
            "processor",
            _("runs our servers, databases and backups"),
            _EU,
        ),
        Recipient(
            "email",
            _("Our email delivery provider"),
            "processor",
            _("delivers the emails the service sends"),
            _EU,
        ),
        Recipient(
            "customer",
            _("The administrators of your company's extranet"),
            "controller",
            _("manage their extranet's members, meetings and actions"),
            _("your company"),
        ),
        Recipient(
            "partners",
            _("Partners of joint offers"),
            "controller",
            _("only if you ticked the box allowing it: your contact details, for a joint offer"),
            _EU,
        ),
        Recipient(
            "payment",
            _("Our payment service provider"),
            "processor",
            _("collects direct debits; it may use billing data for nothing else"),
            _EU,
            extra_data=_("Billing data of customer companies"),
        ),
        Recipient(
            "authorities",
            _("Courts and authorities"),
            "recipient",
            _("only when the law requires it, or to defend our rights in legal proceedings"),
            _EU,
            extra_data=_("What the law or the proceedings require"),
        ),
    )
}

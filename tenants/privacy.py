from django.utils.translation import gettext_lazy as _

from privacy.registry import Retention, Scope, not_personal, register_retention
from retention.policies import Action, Exemption

not_personal("tenants.Extranet", "Company records (name, contract dates), not people.")
not_personal("tenants.Domain", "Host names of extranets.")

# The extranet is not personal data, but everything in its schema goes with it: models that
# live only in extranet schemas need no rule of their own.
register_retention(
    covers="tenants.Extranet",
    scope=Scope.PUBLIC,
    retention=Retention(
        key="customers",
        label=_("Customers (the extranet and everything in it)"),
        anchor=_("the end of the extranet's contract"),
        period={"years": 3},
        basis=_(
            "Handling claims about the contract after it ends (CNIL guidance on customer files)"
        ),
        action=Action.DROP_TENANT,
        anchor_field="contract_end",
        exemptions=(Exemption.TENANT_LEGAL_HOLD,),
        note=_(
            "The whole extranet is deleted: its database, its domain, its files and its stored "
            "exports. A minimal archive is kept (company name, contract dates, deletion date). "
            "Perfony staff are warned before."
        ),
    ),
)

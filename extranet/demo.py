"""Demo profile data for `seed_demo`: fills what is empty, never overwrites."""

from django_tenants.utils import tenant_context

from accounts.models import User
from extranet.models import CompanyProfile
from tenants.models import Extranet

DEMO_PROFILES = {
    "alice": {
        "phone": "+33612345678",
        "postal_address": "12 rue de la Paix\n75002 Paris",
        "position": "Head of operations",
        "function": "Operations",
        "sector": "C",
    },
    "carol": {"phone": "+31612345678", "position": "CFO", "function": "Finance", "sector": "K"},
}


def extranet_demo_seed(*, extranet: Extranet) -> None:
    with tenant_context(extranet):
        for user in User.objects.filter(username__in=DEMO_PROFILES):
            changed = [k for k, v in DEMO_PROFILES[user.username].items() if not getattr(user, k)]
            for name in changed:
                setattr(user, name, DEMO_PROFILES[user.username][name])
            if changed:
                user.save(update_fields=changed)
        if not CompanyProfile.objects.exists():
            CompanyProfile.objects.create(
                postal_address="1 Main Street\nBrussels", sector="C", country="BE"
            )

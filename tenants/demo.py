"""The demo that `make run` seeds: two extranets, three users, one staff superuser."""

from __future__ import annotations

from django.db import transaction
from django_tenants.utils import tenant_context

from accounts.models import User
from accounts.services import email_address_record
from careers.demo import careers_demo_seed
from core.audit import Actor
from extranet.demo import extranet_demo_seed
from meetings.demo import meetings_demo_seed
from privacy.demo import privacy_demo_seed
from tenants.models import Extranet
from tenants.selectors import extranet_url, public_url
from tenants.services import extranet_create

DEMO = Actor.system("demo")
DEMO_PASSWORD = "perfony-demo"  # noqa: S105  (documented demo credential, dev only)

DEMO_EXTRANETS = [
    {
        "slug": "acme",
        "name": "Acme SA",
        "users": [
            ("alice", "Alice", "Martin", "alice@acme.example", True),
            ("bob", "Bob", "Durand", "bob@acme.example", False),
        ],
    },
    {
        "slug": "globex",
        "name": "Globex BV",
        "users": [("carol", "Carol", "de Vries", "carol@globex.example", True)],
    },
]


def _demo_users(extranet: Extranet, users) -> None:
    with tenant_context(extranet):
        for username, first, last, email, is_admin in users:
            user = User.objects.filter(username=username).first() or User(username=username)
            user.first_name, user.last_name, user.email = first, last, email
            user.is_extranet_admin = is_admin
            if not user.password or not user.has_usable_password():
                user.set_password(DEMO_PASSWORD)
            user.save()
            # Demo only: the seeded addresses stand for ones their owners proved, so /my-data/
            # shows the full flow. Real accounts are verified by a link sent to the address.
            email_address_record(user=user, verified=True, actor=DEMO)


@transaction.atomic
def demo_seed() -> list[str]:
    """Create what is missing and leave the rest alone, so a second run duplicates nothing."""
    lines = []
    for spec in DEMO_EXTRANETS:
        extranet = Extranet.objects.filter(slug=spec["slug"]).first()
        if extranet is None:
            first = spec["users"][0]
            extranet = extranet_create(
                slug=spec["slug"],
                company_name=spec["name"],
                admin_email=first[3],
                admin_username=first[0],
                actor=DEMO,
                notify=False,  # the demo admin gets the documented demo password instead
            ).extranet
        _demo_users(extranet, spec["users"])
        meetings_demo_seed(extranet=extranet)
        extranet_demo_seed(extranet=extranet)
        names = ", ".join(u[0] for u in spec["users"])
        lines.append(
            f"{spec['name']:<10} {extranet_url(extranet=extranet, path='/accounts/login/')}"
            f"  users: {names}"
        )
    privacy_demo_seed()
    if not User.objects.filter(username="staff").exists():
        User.objects.create_superuser("staff", "staff@perfony.com", DEMO_PASSWORD)
    lines.append(f"Back office {public_url(path='/admin/')}  user: staff")
    lines.append(careers_demo_seed())
    lines.insert(0, f"Public site {public_url()}")
    lines.append(f"Every demo password is: {DEMO_PASSWORD}")
    return lines

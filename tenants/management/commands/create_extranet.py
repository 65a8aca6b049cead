from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.audit import Actor
from tenants.services import extranet_create


class Command(BaseCommand):
    help = "Create a customer extranet: its schema, its domain and its first admin user."

    def add_arguments(self, parser):
        parser.add_argument(
            "slug", help="DNS label: the extranet is served at <slug>.EXTRANET_DOMAIN"
        )
        parser.add_argument("company_name")
        parser.add_argument("--admin-email", required=True)

    def handle(self, *args, slug, company_name, admin_email, **options):
        try:
            result = extranet_create(
                slug=slug,
                company_name=company_name,
                admin_email=admin_email,
                actor=Actor.system("create_extranet"),
            )
        except ValidationError as exc:
            messages = [
                f"{field}: {msg}" for field, msgs in exc.message_dict.items() for msg in msgs
            ]
            raise CommandError("\n".join(messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Extranet {result.extranet.slug} created in {result.duration_ms} ms."
            )
        )
        self.stdout.write(f"Admin user: {result.admin.username} <{result.admin.email}>")
        # Not printed: following the link proves the admin's address, so only its owner gets it.
        self.stdout.write(f"A one-time password setup link was emailed to {result.admin.email}.")

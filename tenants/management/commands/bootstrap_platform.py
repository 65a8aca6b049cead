from django.core.management.base import BaseCommand

from tenants.services import public_tenant_ensure, template_schema_ensure


class Command(BaseCommand):
    help = (
        "Bind the public schema to PUBLIC_HOST and bring the extranet template schema up to date."
    )

    def handle(self, *args, **options):
        public = public_tenant_ensure()
        schema = template_schema_ensure()
        self.stdout.write(f"Public host: {public.get_primary_domain()}; template schema: {schema}")

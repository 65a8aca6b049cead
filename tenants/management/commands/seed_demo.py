from django.core.management.base import BaseCommand

from tenants.demo import demo_seed


class Command(BaseCommand):
    help = "Seed the demo extranets and users (idempotent)."

    def handle(self, *args, **options):
        for line in demo_seed():
            self.stdout.write(line)

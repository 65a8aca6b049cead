"""Checks the hash chain of the consent records in the public schema and every extranet."""

from django.core.management.base import BaseCommand, CommandError

from consent.selectors import consent_chain_verify_all


class Command(BaseCommand):
    help = "Verify the hash chain of consent records in every schema; name any break."

    def handle(self, *args, **options):
        broken = 0
        for schema, count, breaks in consent_chain_verify_all():
            if not breaks:
                self.stdout.write(f"{schema}: {count} records, chain intact")
                continue
            broken += len(breaks)
            for item in breaks:
                self.stderr.write(f"{schema}: record {item.record_id}: {item.reason}")
        if broken:
            raise CommandError(f"{broken} break(s) in the consent record chain")

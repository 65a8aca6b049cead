from django.core.management.base import BaseCommand

from core.services import field_keys_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field, in the public schema and every extranet, under the "
        "primary key of FIELD_ENCRYPTION_KEYS. Batched and safe to rerun."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        counts = field_keys_rotate(batch_size=batch_size)
        for c in counts:
            if c.scanned:
                self.stdout.write(f"{c.schema:<24} {c.field:<32} {c.scanned:>7} {c.rotated:>7}")
        scanned = sum(c.scanned for c in counts)
        rotated = sum(c.rotated for c in counts)
        schemas = len({c.schema for c in counts})
        self.stdout.write(
            self.style.SUCCESS(
                f"{schemas} schemas, {scanned} encrypted values checked, {rotated} re-encrypted."
            )
        )

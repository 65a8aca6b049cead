from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import schema_context

from retention.policies import policy_list
from retention.selectors import purge_preview, retention_schemas
from retention.services import retention_run_now


class Command(BaseCommand):
    help = "Purge what is past its retention period now (the nightly pass, by hand)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print, change nothing.")
        parser.add_argument("--schema", action="append", help="Only this schema (repeatable).")
        parser.add_argument("--policy", action="append", help="Only this policy (repeatable).")

    def handle(self, *args, dry_run, schema, policy, **options):
        known_schemas = retention_schemas()
        for name in schema or []:
            if name not in known_schemas:
                raise CommandError(f"unknown schema {name!r}; known: {', '.join(known_schemas)}")
        keys = [p.key for p in policy_list()]
        for key in policy or []:
            if key not in keys:
                raise CommandError(f"unknown policy {key!r}; known: {', '.join(keys)}")
        schemas = schema or known_schemas
        if dry_run:
            self._preview(schemas, policy)
        else:
            self._run(schemas, policy)

    def _preview(self, schemas, policy_keys):
        self.stdout.write("Dry run: nothing is changed.")
        total = 0
        for schema_name in schemas:
            with schema_context(schema_name):
                for policy, count in purge_preview(policy_keys=policy_keys):
                    total += count
                    self.stdout.write(f"{schema_name:<24} {policy.key:<20} would purge {count}")
        self.stdout.write(f"Total: {total}")

    def _run(self, schemas, policy_keys):
        run = retention_run_now(schemas=schemas, policy_keys=policy_keys)
        for entry in run.policy_runs.order_by("schema_name", "policy_key"):
            line = f"{entry.schema_name:<24} {entry.policy_key:<20} {entry.status:<8} {entry.rows}"
            self.stdout.write(line + (f"  {entry.error}" if entry.error else ""))
        self.stdout.write("Per schema, slowest first:")
        for schema_run in run.schema_runs.order_by("-duration_ms", "schema_name"):
            line = (
                f"{schema_run.schema_name:<24} {schema_run.status:<11} {schema_run.duration_ms} ms"
            )
            self.stdout.write(line + (f"  {schema_run.detail}" if schema_run.detail else ""))
        style = self.style.SUCCESS if run.status == "ok" else self.style.ERROR
        self.stdout.write(style(f"Run {run.pk}: {run.get_status_display()}"))
        if run.status != "ok":
            raise CommandError("the run did not succeed; see the run log")

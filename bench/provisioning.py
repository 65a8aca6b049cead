"""How long provisioning an extranet blocks a request: cloning the template schema (what
extranet_create does) against replaying every migration (django-tenants' default), same run."""

import os
import statistics
import time

from _db import throwaway_database

ROUNDS = int(os.environ.get("BENCH_PROVISIONING_ROUNDS", "5"))


def _time_creations(prefix: str, *, clone: bool) -> list[float]:
    from django.conf import settings
    from django.test import override_settings

    from tenants.services import extranet_create

    durations = []
    with override_settings(TENANT_CREATION_FAKES_MIGRATIONS=clone):
        for i in range(ROUNDS):
            started = time.perf_counter()
            extranet_create(
                slug=f"{prefix}{i}", company_name=f"Bench {i}", admin_email=f"a{i}@bench.example"
            )
            durations.append(time.perf_counter() - started)
    assert settings.TENANT_BASE_SCHEMA
    return durations


def main() -> None:
    with throwaway_database("bench_provisioning"):
        migrate = _time_creations("full", clone=False)
        clone = _time_creations("clone", clone=True)
    p50_migrate, p50_clone = statistics.median(migrate), statistics.median(clone)
    print(f"rounds: {ROUNDS} extranets each way")
    for label, runs in [("full migration run (baseline)", migrate), ("clone of template", clone)]:
        p50, worst = statistics.median(runs) * 1000, max(runs) * 1000
        print(f"{label:<30} p50 {p50:7.0f} ms  max {worst:7.0f} ms")
    print(f"ratio clone / baseline: {p50_clone / p50_migrate:.2f}")


if __name__ == "__main__":
    main()

"""Helpers for benchmarks: a throwaway database on the same PostgreSQL server as development."""

import os
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perfony.settings.local")
os.environ.setdefault("EMAIL_URL", "memorymail://")
os.environ.setdefault("LOG_LEVEL", "WARNING")


@contextmanager
def throwaway_database(name: str):
    """Point Django at a fresh database `name`, migrated, and drop it afterwards."""
    import django
    from django.conf import settings

    admin_db = settings.DATABASES["default"]["NAME"]
    settings.DATABASES["default"]["NAME"] = name
    django.setup()
    import psycopg
    from django.core.management import call_command
    from django.db import connection

    params = {**connection.get_connection_params(), "dbname": admin_db, "autocommit": True}
    with psycopg.connect(**params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        call_command("migrate_schemas", interactive=False, verbosity=0)
        call_command("bootstrap_platform", verbosity=0)
        yield
    finally:
        connection.close()
        with psycopg.connect(**params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

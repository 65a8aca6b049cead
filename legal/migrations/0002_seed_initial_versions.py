import datetime

from django.db import migrations
from django.utils import timezone

from legal.migrations import _initial_texts as texts

PUBLISHED = datetime.datetime(2026, 1, 2, 9, 0, tzinfo=datetime.UTC)
EFFECTIVE = datetime.date(2026, 1, 2)


def seed(apps, schema_editor):
    PolicyVersion = apps.get_model("legal", "PolicyVersion")
    for kind, prefix in (("privacy", "PRIVACY"), ("cookies", "COOKIES")):
        PolicyVersion.objects.get_or_create(
            kind=kind,
            version="2026.1",
            defaults={
                "text_nl": getattr(texts, f"{prefix}_NL"),
                "text_fr": getattr(texts, f"{prefix}_FR"),
                "text_en": getattr(texts, f"{prefix}_EN"),
                "change": "material",
                "published_at": PUBLISHED,
                "effective_at": EFFECTIVE,
                "created_at": timezone.now(),
            },
        )


def unseed(apps, schema_editor):
    PolicyVersion = apps.get_model("legal", "PolicyVersion")
    PolicyVersion.objects.filter(version="2026.1").delete()


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_policy_versions")]

    operations = [migrations.RunPython(seed, unseed)]

"""The seeded privacy policy 2026.1 gets its generated sections (pre-launch correction: the
typed periods and lists of the seed could disagree with what the code does). A text already
edited by staff is left alone."""

from django.db import migrations

from legal.migrations import _generated_sections as sections
from legal.migrations import _initial_texts as seeded

LANGUAGES = ("en", "nl", "fr")


def forwards(apps, schema_editor):
    PolicyVersion = apps.get_model("legal", "PolicyVersion")
    version = PolicyVersion.objects.filter(kind="privacy", version="2026.1").first()
    if version is None:
        return
    changed = []
    for language in LANGUAGES:
        field = f"text_{language}"
        if getattr(version, field) == getattr(seeded, f"PRIVACY_{language.upper()}"):
            setattr(version, field, sections.generated(language))
            changed.append(field)
    if changed:
        version.save(update_fields=changed)


def backwards(apps, schema_editor):
    PolicyVersion = apps.get_model("legal", "PolicyVersion")
    version = PolicyVersion.objects.filter(kind="privacy", version="2026.1").first()
    if version is None:
        return
    for language in LANGUAGES:
        field = f"text_{language}"
        if getattr(version, field) == sections.generated(language):
            setattr(version, field, getattr(seeded, f"PRIVACY_{language.upper()}"))
    version.save()


class Migration(migrations.Migration):
    dependencies = [("legal", "0002_seed_initial_versions")]

    operations = [migrations.RunPython(forwards, backwards)]

"""The access/portability ZIP, written row by row so memory stays flat for any amount of data."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import zipfile
from collections import defaultdict

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation

from consent.receipts import receipts_write
from core.text import csv_cell
from privacy.models import SubjectRequest
from privacy.registry import PersonalModel
from privacy.selectors import entry_notice
from privacy.subjects import (
    Place,
    entries_for,
    place_context,
    request_places,
    row_as_dict,
    row_export_fields,
)

CHUNK = 500
COPY_BUFFER = 64 * 1024
ZIP = zipfile.ZIP_DEFLATED


def _by_category(entries: list[PersonalModel]) -> dict[str, list[PersonalModel]]:
    grouped: dict[str, list[PersonalModel]] = defaultdict(list)
    for entry in entries:
        grouped[entry.category].append(entry)
    return dict(sorted(grouped.items()))


def _write_json(zf, path, entries, place) -> dict[str, int]:
    counts = {}
    with zf.open(path, "w") as raw, io.TextIOWrapper(raw, encoding="utf-8") as out:
        out.write("{")
        for i, entry in enumerate(entries):
            out.write(("," if i else "") + json.dumps(entry.model) + ":[")
            fields = row_export_fields(entry)
            count = 0
            for j, obj in enumerate(entry.subject_queryset(place.subject).iterator(CHUNK)):
                out.write(
                    ("," if j else "") + json.dumps(row_as_dict(fields, obj), cls=DjangoJSONEncoder)
                )
                count += 1
            counts[entry.model] = count
            out.write("]")
        out.write("}")
    return counts


def _csv_value(value) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, cls=DjangoJSONEncoder)
    return "" if value is None else csv_cell(str(value))


def _write_csv(zf, path, entries, place) -> None:
    columns = ["model"]
    for entry in entries:
        for f in row_export_fields(entry):
            name = f.attname if f.is_relation else f.name
            if name not in columns:
                columns.append(name)
    with zf.open(path, "w") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        for entry in entries:
            fields = row_export_fields(entry)
            for obj in entry.subject_queryset(place.subject).iterator(CHUNK):
                row = {k: _csv_value(v) for k, v in row_as_dict(fields, obj).items()}
                writer.writerow({"model": entry.model, **row})


def _write_files(zf, folder, entries, place) -> list[str]:
    written = []
    for entry in entries:
        for obj in entry.subject_queryset(place.subject).iterator(CHUNK):
            for name in entry.files:
                fieldfile = getattr(obj, name)
                if not fieldfile or not fieldfile.storage.exists(fieldfile.name):
                    continue
                path = f"{folder}/files/{obj.pk}-{name}-{os.path.basename(fieldfile.name)}"
                with fieldfile.open("rb") as src, zf.open(path, "w") as dst:
                    shutil.copyfileobj(src, dst, COPY_BUFFER)
                written.append(path)
    return written


def _plan_place(place: Place) -> list[dict]:
    """What each category holds in this place (row counts), before anything is written: the
    summary comes first in the ZIP, and an empty category is listed, not shipped."""
    plan = []
    with place_context(place):
        for category, entries in _by_category(entries_for(place)).items():
            counts = {e.model: e.subject_queryset(place.subject).count() for e in entries}
            plan.append({"category": category, "entries": entries, "counts": counts})
    return plan


def _write_category(zf, place: Place, category: str, entries) -> dict:
    folder = f"{place.label}/{category}"
    counts = _write_json(zf, f"{folder}.json", entries, place)
    _write_csv(zf, f"{folder}.csv", entries, place)
    files = _write_files(zf, folder, [e for e in entries if e.files], place)
    files += receipts_write(zf=zf, folder=folder, entries=entries, subject=place.subject)
    return {"json": f"{folder}.json", "csv": f"{folder}.csv", "files": files, "counts": counts}


def _write_place(zf, place: Place, plan: list[dict]) -> list[dict]:
    manifest = []
    with place_context(place):
        for item in plan:
            entries, counts = item["entries"], item["counts"]
            written = {"json": None, "csv": None, "files": []}
            if sum(counts.values()):
                written = _write_category(zf, place, item["category"], entries)
                counts = written["counts"]
            manifest.append(
                {
                    "category": item["category"],
                    "source": place.source,
                    "schema": place.label,
                    "rows": sum(counts.values()),
                    "json": written["json"],
                    "csv": written["csv"],
                    "files": written["files"],
                    # Each model states its own purpose, basis and period (Art. 15(1)).
                    "models": [{**entry_notice(entry=e), "rows": counts[e.model]} for e in entries],
                }
            )
    return manifest


def _summary_html(*, subject_request: SubjectRequest, plans: list[tuple[Place, list[dict]]]) -> str:
    """summary.html: what we hold, why, how long, from whom, shared with whom; in the
    requester's language, with links to the files; empty categories listed, not shipped."""
    from django.template.loader import render_to_string

    held, empty = [], []
    for place, plan in plans:
        with place_context(place):
            for item in plan:
                rows = sum(item["counts"].values())
                folder = f"{place.label}/{item['category']}"
                notices = [
                    {**entry_notice(entry=e), "rows": item["counts"][e.model]}
                    for e in item["entries"]
                ]
                line = {"source": place.source, "models": notices, "rows": rows}
                if rows:
                    held.append({**line, "json": f"{folder}.json", "csv": f"{folder}.csv"})
                else:
                    empty.append(line)
    context = {
        "req": subject_request,
        "generated_at": timezone.now(),
        "held": held,
        "empty": empty,
        "language": translation.get_language(),
    }
    return render_to_string("privacy/export_summary.html", context)


def export_zip_write(*, subject_request: SubjectRequest, fileobj) -> dict:
    """Write the ZIP to an open binary file; return the manifest also stored as index.json.

    summary.html comes first: what a person opens; then one JSON and one CSV per category that
    holds something, its files, and index.json (the same facts, for machines)."""
    categories = []
    # The texts of the manifest are in the requester's language, whoever runs the task.
    language = subject_request.language or settings.LANGUAGE_CODE
    with translation.override(language), zipfile.ZipFile(fileobj, "w", compression=ZIP) as zf:
        places = request_places(subject_request=subject_request)
        plans = [(place, _plan_place(place)) for place in places]
        zf.writestr("summary.html", _summary_html(subject_request=subject_request, plans=plans))
        for place, plan in plans:
            categories += _write_place(zf, place, plan)
        manifest = {
            "subject": {"email": subject_request.email, "request": subject_request.pk},
            "generated_at": timezone.now().isoformat(),
            "summary": "summary.html",
            "categories": categories,
        }
        zf.writestr("index.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest

"""Policy texts are stored as plain text: "## " starts a section, "- " a list item, a blank line
ends a paragraph, and a line such as "[retention]" marks where a generated section goes (see
GENERATED). Inline, "[period:<rule key>]" is replaced by that retention rule's period in words,
so a number the purge applies is never typed by hand. Rendering to blocks (not HTML) keeps every
character escaped by the template."""

from __future__ import annotations

import re
from collections.abc import Callable

RETENTION_MARKER = "[retention]"
# Sections generated from the personal-data declarations (privacy.selectors.policy_sections).
GENERATED = ("retention", "data", "purposes", "recipients", "transfers", "rights")
PERIOD = re.compile(r"\[period:([a-z0-9_]+)\]")


def _fill(text: str, period: Callable[[str], str | None] | None) -> str:
    if period is None:
        return text

    def replace(match: re.Match) -> str:
        words = period(match.group(1))
        return match.group(0) if words is None else words

    return PERIOD.sub(replace, text)


def policy_blocks(*, text: str, period: Callable[[str], str | None] | None = None) -> list[dict]:
    blocks: list[dict] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [_fill(line.strip(), period) for line in chunk.strip().split("\n") if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## "):
            blocks.append({"kind": "heading", "text": lines[0][3:].strip()})
            lines = lines[1:]
        if not lines:
            continue
        marker = lines[0][1:-1] if len(lines) == 1 and lines[0].startswith("[") else ""
        if lines[0].endswith("]") and marker in GENERATED:
            blocks.append({"kind": marker})
        elif all(line.startswith("- ") for line in lines):
            blocks.append({"kind": "list", "items": [line[2:].strip() for line in lines]})
        else:
            blocks.append({"kind": "paragraph", "text": " ".join(lines)})
    return blocks

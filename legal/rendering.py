"""Policy texts are stored as plain text: "## " starts a section, "- " a list item, a blank line
ends a paragraph, and a line "[retention]" marks where the retention table goes. Rendering to
blocks (not HTML) keeps every character escaped by the template."""

from __future__ import annotations

RETENTION_MARKER = "[retention]"


def policy_blocks(*, text: str) -> list[dict]:
    blocks: list[dict] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.strip().split("\n") if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## "):
            blocks.append({"kind": "heading", "text": lines[0][3:].strip()})
            lines = lines[1:]
        if not lines:
            continue
        if lines == [RETENTION_MARKER]:
            blocks.append({"kind": "retention"})
        elif all(line.startswith("- ") for line in lines):
            blocks.append({"kind": "list", "items": [line[2:].strip() for line in lines]})
        else:
            blocks.append({"kind": "paragraph", "text": " ".join(lines)})
    return blocks

"""No cycle between services and tasks: tasks import services, services queue tasks by name
(core.outbox.outbox_enqueue(task_name=...)), and selectors import neither."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = sorted(p.parent.name for p in ROOT.glob("*/apps.py"))


def _modules(kind: str) -> list[Path]:
    found = []
    for app in APPS:
        found += [ROOT / app / f"{kind}.py", *sorted((ROOT / app / kind).glob("*.py"))]
    return [path for path in found if path.exists()]


def _imported(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] in APPS else ""


@pytest.mark.parametrize("path", _modules("services"), ids=lambda p: str(p.relative_to(ROOT)))
def test_services_never_import_a_tasks_module(path):
    assert not {m for m in _imported(path) if _layer(m) == "tasks"}


@pytest.mark.parametrize("path", _modules("selectors"), ids=lambda p: str(p.relative_to(ROOT)))
def test_selectors_import_no_services_and_no_tasks(path):
    assert not {m for m in _imported(path) if _layer(m) in {"services", "tasks"}}


def test_the_check_sees_a_function_level_import(tmp_path):
    sample = tmp_path / "services.py"
    sample.write_text("def f():\n    from legal.tasks import policy_change_notify\n")
    assert "legal.tasks" in _imported(sample)

"""Health checks that apps register; /healthz reports them all."""

from collections.abc import Callable

_CHECKS: dict[str, Callable[[], tuple[bool, str]]] = {}


def register(name: str, check: Callable[[], tuple[bool, str]]) -> None:
    _CHECKS[name] = check


def extra_checks() -> dict[str, tuple[bool, str]]:
    return {name: check() for name, check in _CHECKS.items()}

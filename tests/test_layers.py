"""The layers point one way: core and reports never import Qt or the GUI."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "secretariat_app"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_reports_and_exchange_import_no_qt_and_no_ui():
    offenders = []
    for layer in ("core", "reports", "exchange"):
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in _imports(path):
                if name.startswith(("PySide6", "secretariat_app.ui", "secretariat_app.cli")):
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_core_does_not_import_reports():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "core").rglob("*.py")
        if any(name.startswith("secretariat_app.reports") for name in _imports(path))
    ]
    assert offenders == []

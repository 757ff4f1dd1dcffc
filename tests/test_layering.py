"""Stages never import downstream packages: the import direction is part of the design."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "propwatch"

#: package -> propwatch packages it must not import
FORBIDDEN = {
    "model": {"ingest", "normalize", "analyze", "store", "cli", "api"},
    "normalize": {"ingest", "analyze", "store", "cli", "api", "model"},
    "ingest": {"normalize", "analyze", "store", "cli", "api"},
    "analyze": {"ingest", "store", "cli", "api"},
    "store": {"ingest", "analyze", "cli", "api", "detect"},
    "knowledge": {"ingest", "normalize", "analyze", "store", "cli", "api", "detect"},
    "detect": {"ingest", "analyze", "store", "cli", "api"},
    "extract": {"ingest", "analyze", "store", "cli", "api", "graph", "export"},
    "graph": {"ingest", "analyze", "cli", "api", "detect", "extract", "export"},
    "export": {"ingest", "analyze", "cli", "api", "detect", "extract"},
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "propwatch" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_import_direction(package: str) -> None:
    for path in (PACKAGE / package).rglob("*.py"):
        bad = imported_packages(path) & FORBIDDEN[package]
        assert not bad, f"{path.relative_to(PACKAGE)} imports {sorted(bad)}"

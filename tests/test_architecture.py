"""The layers of DESIGN.md, enforced: import-linter contracts from pyproject.toml."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold(capsys: pytest.CaptureFixture[str]) -> None:
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True,
                              no_logo=True)
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert status == EXIT_STATUS_SUCCESS, out
    assert "6 kept, 0 broken" in out


def _imported(package: Path) -> Iterator[tuple[str, str]]:
    """(file name, module) for every import statement in the package's modules."""
    import ast

    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                yield path.name, name


def test_core_imports_only_the_standard_library_and_the_protocols_pure_rules() -> None:
    """Stricter than the contract: core names no third-party package at all, and of the
    protocol only modules without pydantic (the models are for the wire)."""
    import sys

    for file, name in _imported(ROOT / "src" / "dojo_desktop" / "core"):
        top = name.split(".")[0]
        assert top in sys.stdlib_module_names or top in (
            "dojo_desktop", "dojo_protocol", "__future__"), f"{file} imports {name}"
        if top == "dojo_desktop":
            assert name.startswith("dojo_desktop.core"), f"{file} imports {name}"
        if top == "dojo_protocol":
            assert name not in ("dojo_protocol", "dojo_protocol.models"), f"{file}: {name}"


def test_the_protocol_imports_only_the_standard_library_and_pydantic() -> None:
    import sys

    for file, name in _imported(ROOT / "src" / "dojo_protocol"):
        top = name.split(".")[0]
        assert top in sys.stdlib_module_names or top in (
            "dojo_protocol", "pydantic", "__future__"), f"{file} imports {name}"


def test_the_main_window_stays_small() -> None:
    """The window composes screens and services; behaviour goes into modules of its own
    (the toast's words, the screens, the class bar), so the window stays under 400 lines."""
    lines = (ROOT / "src" / "dojo_desktop" / "ui" / "main_window.py").read_text(
        encoding="utf-8").count("\n")
    assert lines < 400, f"ui/main_window.py has {lines} lines"

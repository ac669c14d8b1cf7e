"""The layers of DESIGN.md, enforced: import-linter contracts from pyproject.toml."""

from __future__ import annotations

import os
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


def test_core_imports_only_the_standard_library() -> None:
    """Stricter than the contract: core names no third-party package at all."""
    import ast
    import sys

    for path in (ROOT / "src" / "dojo_desktop" / "core").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names or top in ("dojo_desktop", "__future__"), \
                    f"{path.name} imports {name}"
                if top == "dojo_desktop":
                    assert name.startswith("dojo_desktop.core"), f"{path.name} imports {name}"

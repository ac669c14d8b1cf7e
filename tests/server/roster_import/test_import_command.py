"""dojo-server import-oneroster: a preview by default, the import with --apply, and a
broken export refused with every problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from oneroster_kit import FIXTURES, V1_1, dojo, edit, export_copy

from dojo_server.cli import main


def test_preview_then_apply_then_nothing_to_change(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    school = dojo(capsys, "create-school", "Riverside Primary", *data).strip()
    export = str(FIXTURES / V1_1)
    preview = dojo(capsys, "import-oneroster", export, "--school", school, *data)
    assert "2 new classes:\n  Maple\n  Oak\n" in preview
    assert "4 new children:\n  Ada Lovelace (Maple)\n" in preview
    assert "Warning: academicSessions.csv, line 3, column endDate" in preview
    assert preview.endswith("This was a preview: nothing changed. Run again with --apply "
                            "to import.\n")
    assert dojo(capsys, "import-oneroster", export, "--school", school, *data) == preview
    applied = dojo(capsys, "import-oneroster", export, "--school", school, "--apply", *data)
    assert "2 new staff (no password until they set one):" in applied
    assert applied.endswith("Imported: devices receive the changes when they next sync.\n")
    again = dojo(capsys, "import-oneroster", export, "--school", school, *data)
    assert "The school already has this roster: nothing to change." in again


def test_a_broken_export_is_refused_with_its_problems(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    school = dojo(capsys, "create-school", "Riverside Primary", *data).strip()
    export = export_copy(V1_1, tmp_path)
    edit(export, "users.csv", "u-bo,,,TRUE,org-1,student", "u-bo,,,TRUE,org-1,pupil")
    out = dojo(capsys, "import-oneroster", str(export), "--school", school, "--apply", *data,
               status=1)
    assert out.startswith("Nothing was imported. Fix these problems and export again:\n"
                          "  users.csv, line 3, column role: “pupil” is not one of ")
    assert main(["import-oneroster", str(FIXTURES / V1_1), "--school", "nope", *data]) == 2
    assert "There is no school with id nope." in capsys.readouterr().err

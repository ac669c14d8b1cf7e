"""dojo-server rollover: a preview by default, the new school year with --apply, nothing
to change the second time, and a request without naming rules or an export refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from oneroster_kit import FIXTURES, V1_1, V1_2, dojo, edit, export_copy


def test_preview_then_apply_then_nothing_to_change(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    school = dojo(capsys, "create-school", "Riverside Primary", *data).strip()
    dojo(capsys, "import-oneroster", str(FIXTURES / V1_1), "--school", school, "--apply", *data)
    year = ["rollover", "--school", school, "--school-year", "2027-2028",
            "--promote", "Maple=Birch", "--leavers", "Oak", *data]
    preview = dojo(capsys, *year)
    assert "1 new classes:\n  Maple → Birch (2027-2028)\n" in preview
    assert "1 children moved:\n  Maple → Birch: 2 children\n" in preview
    assert "2 classes archived:\n  Maple\n  Oak\n" in preview
    assert "2 leavers (archived):\n" in preview
    assert preview.endswith("Nothing was changed. Run again with --apply to make these "
                            "changes.\n")
    assert dojo(capsys, *year) == preview
    applied = dojo(capsys, *year, "--apply")
    assert applied.endswith("Done: the school is in its new year.\n")
    assert "The school is already in 2027-2028: nothing to change." in dojo(capsys, *year)


def test_a_rollover_needs_rules_or_an_export(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    school = dojo(capsys, "create-school", "Riverside Primary", *data).strip()
    out = dojo(capsys, "rollover", "--school", school, "--school-year", "2027-2028", *data,
               status=2)
    assert "--promote 'Year 3=Year 4'" in out
    out = dojo(capsys, "rollover", "--school", school, "--school-year", "2027-2028",
               "--promote", "Year 3", *data, status=2)
    assert "not a naming rule" in out


def test_a_rollover_from_an_export_takes_its_school_year(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    school = dojo(capsys, "create-school", "Riverside Primary", *data).strip()
    dojo(capsys, "import-oneroster", str(FIXTURES / V1_2), "--school", school, "--apply", *data)
    export = export_copy(V1_2, tmp_path)
    edit(export, "academicSessions.csv", "y2027,,,2026-27,schoolYear,2026-09-01,2027-07-20",
         "y2028,,,2027-28,schoolYear,2027-09-01,2028-07-20")
    edit(export, "classes.csv", "k-robins,,,Robins,", "k-robins-28,,,Robins Year 1,")
    for line in ("e1", "e2", "e4"):
        edit(export, "enrollments.csv", f"{line},,,k-robins,", f"{line},,,k-robins-28,")
    out = dojo(capsys, "rollover", "--school", school, "--oneroster", str(export), "--apply",
               *data)
    assert "1 classes archived:\n  Robins (followed by Robins Year 1)\n" in out
    assert out.endswith("2 children moved to 2027-28's classes.\n"
                        "Done: the school is in its new year.\n")
    edit(export, "classes.csv", '"s1,s2"', '""')
    out = dojo(capsys, "rollover", "--school", school, "--oneroster", str(export), *data,
               status=1)
    assert out.startswith("Nothing was changed. Fix these problems and export again:\n"
                          "  classes.csv, line 2, column termSourcedIds")

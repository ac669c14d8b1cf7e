"""The command line: export and roster import work without a display, and say what they did."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from dojo_desktop.services.classroom import open_classroom

SRC = Path(__file__).resolve().parents[1] / "src"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}  # this checkout, whatever is installed
    return subprocess.run([sys.executable, "-m", "dojo_desktop", *args], capture_output=True,
                          text=True, timeout=120, env=env)


def test_export_writes_awards_with_undo_state(tmp_path: Path) -> None:
    data = tmp_path / "data"
    classroom = open_classroom(data)
    demo = classroom.create_demo_class()
    student = classroom.roster.students(demo.id)[0]
    skill = classroom.skills.list()[0]
    kept = classroom.awards.give(demo.id, [student.id], skill.id)
    undone = classroom.awards.give(demo.id, [student.id], skill.id)
    classroom.awards.undo_batch(undone.batch_id)
    classroom.close()

    result = run("export", "--format", "csv", "--out", str(tmp_path / "out" / "awards.csv"),
                 "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    written = [Path(line) for line in result.stdout.split()]
    assert {p.name for p in written} == {"awards.csv", "awards.students.csv",
                                         "awards.classes.csv", "awards.skills.csv"}
    with (tmp_path / "out" / "awards.csv").open(encoding="utf-8-sig") as handle:
        rows = {r["award_id"]: r for r in csv.DictReader(handle)}
    assert rows[kept.award_ids[0]]["undone"] == "no"
    assert rows[undone.award_ids[0]]["undone"] == "yes"
    with (tmp_path / "out" / "awards.students.csv").open(encoding="utf-8-sig") as handle:
        assert len(list(csv.DictReader(handle))) == 28


def test_import_roster_refuses_a_bad_file_and_lists_each_problem(tmp_path: Path) -> None:
    bad = tmp_path / "roster.csv"
    bad.write_text("First name,Last name\nAmira,Khan\n,Okafor\nBen,Smith,extra\n",
                   encoding="utf-8")
    result = run("import-roster", str(bad), "--class", "4B", "--data-dir",
                 str(tmp_path / "data"))
    assert result.returncode == 1
    assert "Nothing was imported" in result.stderr
    assert "line 3" in result.stderr and "line 4" in result.stderr
    good = tmp_path / "good.csv"
    good.write_text("First name,Last name\nAmira,Khan\nBen,Smith\n", encoding="utf-8")
    result = run("import-roster", str(good), "--class", "4B", "--data-dir",
                 str(tmp_path / "data"))
    assert result.returncode == 0, result.stderr
    assert "Imported 2 students." in result.stdout
    classroom = open_classroom(tmp_path / "data")
    try:
        (group,) = classroom.roster.classes()
        assert [s.first_name for s in classroom.roster.students(group.id)] == ["Amira", "Ben"]
    finally:
        classroom.close()


def test_a_refused_roster_creates_no_class(tmp_path: Path) -> None:
    bad = tmp_path / "roster.csv"
    bad.write_text("First name,Last name\nAmira,Khan\n,Okafor\n", encoding="utf-8")
    result = run("import-roster", str(bad), "--class", "4B", "--data-dir",
                 str(tmp_path / "data"))
    assert result.returncode == 1 and "Nothing was imported" in result.stderr
    classroom = open_classroom(tmp_path / "data")
    try:
        assert classroom.roster.classes() == []
    finally:
        classroom.close()


def test_import_roster_reports_repeated_lines_and_children_already_there(
        tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("First name,Last name\nAmira,Khan\nBen,Smith\nAmira,Khan\n",
                      encoding="utf-8")
    data = ["--class", "4B", "--data-dir", str(tmp_path / "data")]
    result = run("import-roster", str(roster), *data)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("Imported 2 students.\n"
                             "  line 4 repeats line 2 and was imported once\n")
    result = run("import-roster", str(roster), *data)
    assert result.stdout.splitlines() == [
        "Imported 0 students.",
        "  line 2: Amira Khan is already on the roster and was not added again",
        "  line 3: Ben Smith is already on the roster and was not added again",
        "  line 4 repeats line 2 and was imported once"]


def test_a_database_from_a_newer_app_is_refused_untouched(tmp_path: Path) -> None:
    import sqlite3

    data = tmp_path / "data"
    open_classroom(data).close()
    db = data / "dojo.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    result = run("export", "--out", str(tmp_path / "x.csv"), "--data-dir", str(data))
    assert result.returncode == 2
    assert "newer version of Dojo Desktop" in result.stderr
    assert db.read_bytes() == before


def test_a_damaged_database_is_left_where_it_is_for_the_app_to_recover(tmp_path: Path) -> None:
    data = tmp_path / "data"
    open_classroom(data).close()
    db = data / "dojo.sqlite3"
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    db.write_bytes(b"this is not a database " * 2000)
    before = sorted(p.name for p in data.iterdir())
    result = run("export", "--out", str(tmp_path / "x.csv"), "--data-dir", str(data))
    assert result.returncode == 2
    assert "could not be read" in result.stderr and "restore the latest backup" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in data.iterdir()) == before
    assert db.read_bytes() == b"this is not a database " * 2000

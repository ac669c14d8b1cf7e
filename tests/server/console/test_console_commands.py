"""IT's command line does what the console does, through the same domain functions: staff
roles and passwords, classes, children and families; on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from dojo_server.cli import main
from dojo_server.db.session import Database
from dojo_server.domain import invites, staff_auth
from dojo_server.settings import DATA_DIR_ENV, Settings


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0, capsys.readouterr().err
    return capsys.readouterr().out.strip()


def _fails(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 2
    return capsys.readouterr().err.strip()


def test_the_console_s_actions_from_the_command_line(
        tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _run(capsys, "init", "--data-dir", str(tmp_path / "data"), "--database-url", database_url)
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    school = _run(capsys, "create-school", "Hillside Primary", "--own-skills")
    monkeypatch.setattr(sys, "stdin", io.StringIO("first password\n"))
    _run(capsys, "add-staff", "--school", school, "--name", "Ms Head", "--email",
         "head@hillside.example", "--role", "leader", "--password-stdin")

    maple = _run(capsys, "add-class", "--school", school, "Maple", "--year-group", "Y3")
    oak = _run(capsys, "add-class", "--school", school, "Oak")
    ada = _run(capsys, "add-child", "--school", school, "--class", maple, "Ada", "Lovelace")
    _run(capsys, "add-child", "--school", school, "--class", maple, "Bo")
    first, second = _run(capsys, "children", "--school", school, "--class", maple).splitlines()
    assert first == f"{ada}  Ada Lovelace" and second.endswith("  Bo")
    _run(capsys, "move-child", "--school", school, "--student", ada, "--from", maple,
         "--to", oak)
    assert _run(capsys, "children", "--school", school, "--class", oak) == \
        f"{ada}  Ada Lovelace"
    _run(capsys, "rename-class", "--school", school, "--class", oak, "Oak  Tree")
    _run(capsys, "archive-class", "--school", school, "--class", maple)
    listed = _run(capsys, "classes", "--school", school)
    assert "Oak Tree" in listed and "Maple" not in listed
    _run(capsys, "archive-class", "--school", school, "--class", maple, "--restore")
    assert "Maple" in _run(capsys, "classes", "--school", school)

    assert f"{ada}  0 open codes  Ada Lovelace  (Oak Tree)" in _run(
        capsys, "no-family", "--school", school)
    db = Database(Settings.load().database_url)
    invites.create_invites(db, school, oak)
    line = _run(capsys, "families", "--school", school, "--class", oak)
    assert line == f"{ada}  1 open code  Ada Lovelace: no family joined"
    out = tmp_path / "ada.pdf"
    _run(capsys, "invites", "--school", school, "--student", ada, "--out",
         str(out))
    assert out.read_bytes().startswith(b"%PDF")

    assert "leader  password set" in _run(capsys, "staff", "--school", school)
    assert "no leader or admin left" in _fails(
        capsys, "set-role", "--school", school, "--email", "head@hillside.example",
        "--role", "teacher")
    session = staff_auth.start_session(db, staff_auth.log_in(
        db, "head@hillside.example", "first password", "127.0.0.1"))
    monkeypatch.setattr(sys, "stdin", io.StringIO("second password\n"))
    _run(capsys, "set-password", "--school", school, "--email", "HEAD@hillside.example",
         "--password-stdin")
    assert staff_auth.session_member(db, session) is None  # signed out everywhere
    with pytest.raises(staff_auth.WrongLogin):
        staff_auth.log_in(db, "head@hillside.example", "first password", "127.0.0.1")
    assert staff_auth.log_in(db, "head@hillside.example", "second password", "127.0.0.1")
    assert "No one on this school's staff" in _fails(
        capsys, "set-role", "--school", school, "--email", "nobody@x.example", "--role", "ta")
    db.dispose()

"""`dojo-server backup` and `dojo-server restore`, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from server_kit import LiveServer

from dojo_server.cli import main
from dojo_server.db import backups
from dojo_server.db.session import Database
from dojo_server.domain import schools
from dojo_server.settings import Settings


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0, capsys.readouterr().err
    return capsys.readouterr().out.strip()


def _refused(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 2
    return capsys.readouterr().err.strip()


def _has_school(settings: Settings, school_id: str) -> bool:
    db = Database(settings.database_url)
    try:
        schools.require_school(db, school_id)
    except schools.AdminError:
        return False
    finally:
        db.dispose()
    return True


def _leftovers(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir() if ".partial-" in path.name]


def test_a_backup_taken_while_serving_is_put_back_with_a_new_epoch_marked(
        tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    where = ["--data-dir", str(data), "--database-url", database_url]
    kept = _run(capsys, "create-school", "Hillside", *where)
    settings = Settings(data_dir=data, database_url=database_url)
    server = LiveServer(settings)
    try:
        dest = tmp_path / "backups" / "monday.dump"
        dest.parent.mkdir()
        assert "Backed up" in _run(capsys, "backup", str(dest), *where)
        later = _run(capsys, "create-school", "Riverside", *where)
    finally:
        server.stop()
    assert dest.stat().st_size > 0 and not _leftovers(dest.parent)

    assert "Start the server" in _run(capsys, "restore", str(dest), *where)
    assert _has_school(settings, kept) and not _has_school(settings, later)
    assert settings.new_epoch_marker.exists(), "the explicit path: a new epoch at start"
    assert not _leftovers(data)


def test_a_restore_waits_for_the_server_to_stop(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    dest = tmp_path / "backup.sqlite3"
    _run(capsys, "init", "--data-dir", str(data))
    _run(capsys, "backup", str(dest), "--data-dir", str(data))
    server = LiveServer(Settings.load(data))
    try:
        later_school = _run(capsys, "create-school", "Riverside", "--data-dir", str(data))
        error = _refused(capsys, "restore", str(dest), "--data-dir", str(data))
        assert "running" in error and "Stop it first" in error
    finally:
        server.stop()
    settings = Settings.load(data)
    assert _has_school(settings, later_school) and not settings.new_epoch_marker.exists()
    _run(capsys, "restore", str(dest), "--data-dir", str(data))
    assert not _has_school(settings, later_school)


def test_a_missing_or_foreign_file_is_refused_and_nothing_changes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    school = _run(capsys, "create-school", "Hillside", "--data-dir", str(data))
    settings = Settings.load(data)
    missing = tmp_path / "nowhere.sqlite3"
    assert f"There is no backup at {missing}" in _refused(
        capsys, "restore", str(missing), "--data-dir", str(data))
    foreign = tmp_path / "notes.txt"
    foreign.write_text("not a database\n" * 100, encoding="utf-8")
    assert "is not a backup of a Dojo school server" in _refused(
        capsys, "restore", str(foreign), "--data-dir", str(data))
    assert _has_school(settings, school)
    assert not settings.new_epoch_marker.exists() and not _leftovers(data)
    assert "There is no database at" in _refused(
        capsys, "backup", str(tmp_path / "b.sqlite3"), "--data-dir", str(tmp_path / "empty"))
    assert not (tmp_path / "b.sqlite3").exists()
    assert "does not exist" in _refused(
        capsys, "backup", str(tmp_path / "no-such-folder" / "b.sqlite3"), "--data-dir",
        str(data))


def test_without_postgresql_tools_it_says_what_to_install(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setattr(backups, "PG_INSTALL_DIR", tmp_path / "postgresql")
    dest = tmp_path / "school.dump"
    error = _refused(capsys, "backup", str(dest), "--data-dir", str(tmp_path),
                     "--database-url", "postgresql+psycopg://dojo@127.0.0.1:1/dojo")
    assert "pg_dump was not found" in error and "client tools" in error
    assert not dest.exists() and not _leftovers(tmp_path)

"""Opening the database file: schema, pragmas, migrations, backups, newer and damaged files."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from dbfiles import checkpoint, dump_tables, folder_listing, quick_check
from sqlalchemy import text

from dojo_desktop.core.hlc import Hlc
from dojo_desktop.services.classroom import Classroom, open_classroom, start_integrity_check
from dojo_desktop.store import database
from dojo_desktop.store.backups import make_backup
from dojo_desktop.store.database import (
    DATABASE_NAME,
    Damage,
    NewerDatabaseError,
    connect,
    prepare_database,
    schema_revision,
)
from dojo_desktop.store.models import Base
from dojo_desktop.store.schema_version import HEAD_REVISION, KNOWN_REVISIONS
from dojo_desktop.store.sqlite_engine import create_sqlite_engine

MIGRATIONS = Path(database.__file__).parent / "migrations"


def fill(classroom: Classroom, students: int = 5) -> None:
    """A class with students and a few awards, one of them undone."""
    group, _ = classroom.roster.create_class("4B")
    ids = [classroom.roster.add_student(group.id, f"Student{i:03d}", "Lastname" * 4)[0].id
           for i in range(students)]
    skill = classroom.skills.list()[0]
    result = classroom.awards.give(group.id, ids, skill.id)
    classroom.awards.give(group.id, ids[:1], skill.id)
    classroom.awards.undo([result.award_ids[0]])


def make_filled_db(data_dir: Path, students: int = 5) -> Path:
    classroom = open_classroom(data_dir)
    try:
        fill(classroom, students)
    finally:
        classroom.close()
    path = data_dir / DATABASE_NAME
    checkpoint(path)
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# A new database -------------------------------------------------------------------------


def test_an_empty_folder_gets_a_database_at_the_head_revision(data_dir: Path) -> None:
    prepared = prepare_database(data_dir)
    assert prepared.created
    assert prepared.damage is None
    assert prepared.backup is None
    assert prepared.path == data_dir / DATABASE_NAME
    assert schema_revision(prepared.path) == HEAD_REVISION
    conn = sqlite3.connect(prepared.path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    assert tables == set(Base.metadata.tables) | {"alembic_version"}
    assert not (data_dir / "backups").exists()


def test_a_folder_that_does_not_exist_yet_is_created(tmp_path: Path) -> None:
    prepared = prepare_database(tmp_path / "a" / "b")
    assert prepared.created
    assert schema_revision(prepared.path) == HEAD_REVISION


def test_a_current_database_is_opened_as_it_is(data_dir: Path) -> None:
    path = make_filled_db(data_dir)
    before = dump_tables(path)
    prepared = prepare_database(data_dir)
    assert not prepared.created
    assert prepared.damage is None
    assert prepared.backup is None
    assert dump_tables(path) == before
    assert not (data_dir / "backups").exists()


def test_app_connections_use_full_sync_foreign_keys_and_wal(data_dir: Path) -> None:
    path = prepare_database(data_dir).path
    conn = connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == database.BUSY_TIMEOUT_MS
    finally:
        conn.close()
    engine = create_sqlite_engine(path)
    try:
        with engine.connect() as sa_conn:
            assert sa_conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert sa_conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            assert sa_conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def test_the_writer_takes_the_write_lock_when_its_transaction_begins(data_dir: Path) -> None:
    """BEGIN IMMEDIATE: a second writer waits at BEGIN rather than failing half-way."""
    path = prepare_database(data_dir).path
    engine = create_sqlite_engine(path)
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with engine.begin() as conn:
            conn.execute(text("SELECT 1"))  # no write yet, but the lock is already held
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again after commit
        other.execute("ROLLBACK")
    finally:
        other.close()
        engine.dispose()


# Alembic --------------------------------------------------------------------------------


def test_the_alembic_head_is_the_apps_head_revision() -> None:
    scripts = ScriptDirectory(str(MIGRATIONS))
    assert scripts.get_heads() == [HEAD_REVISION]
    chain = [rev.revision for rev in scripts.walk_revisions()]  # newest first
    assert tuple(reversed(chain)) == KNOWN_REVISIONS
    assert KNOWN_REVISIONS[-1] == HEAD_REVISION
    assert database.HEAD_REVISION == HEAD_REVISION


def test_the_migrated_schema_matches_the_models(data_dir: Path) -> None:
    path = prepare_database(data_dir).path
    engine = create_sqlite_engine(path)
    try:
        with engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_the_migrated_schema_has_the_named_constraints(data_dir: Path) -> None:
    """compare_metadata does not look at CHECK constraints: check those by hand."""
    path = prepare_database(data_dir).path
    conn = sqlite3.connect(path)
    try:
        skills_sql = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'skills'").fetchone()[0]
        conn.execute("INSERT INTO classes VALUES ('c', 'C', '', 0, 'h', '{}')")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO skills VALUES ('s', 'n', 'i', 'positive', 0, '', 0, 0, "
                         "NULL, 'h')")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO skills VALUES ('s', 'n', 'i', 'happy', 1, '', 0, 0, "
                         "NULL, 'h')")
    finally:
        conn.close()
    assert "ck_skills_points_range" in skills_sql
    assert "ck_skills_polarity_known" in skills_sql


# Backups and migrations -----------------------------------------------------------------


def test_a_backup_is_a_consistent_copy_of_a_live_database(data_dir: Path,
                                                          tmp_path: Path) -> None:
    classroom = open_classroom(data_dir)
    try:
        fill(classroom, students=30)
        path = data_dir / DATABASE_NAME
        wal = path.with_name(path.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0  # recent commits still in the WAL
        copy = make_backup(path, tmp_path / "copies", "daily").path
        live = dump_tables(path)
    finally:
        classroom.close()
    assert copy.parent == tmp_path / "copies"
    assert copy.name.startswith("dojo-daily-")
    assert copy.suffix == ".sqlite3"
    assert quick_check(copy) == "ok"
    assert dump_tables(copy) == live
    assert len(live["awards"]) == 31
    assert len(live["award_undos"]) == 1


def test_an_older_known_revision_is_backed_up_before_migrating(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """There is only one real revision so far, so pretend a second one exists.

    ``dojo_desktop.store.database`` is told the chain is ``(0001_initial, 0002_next)``.
    The database on disk holds ``0001_initial``: a known revision that is not the head,
    which is what a user upgrading the app will have. prepare_database must back it up
    into ``data_dir/backups`` before it runs the migrations (Alembic itself still knows
    only 0001, so the upgrade is a no-op here; the backup is what is under test).
    """
    path = make_filled_db(data_dir)
    before = dump_tables(path)
    monkeypatch.setattr(database, "KNOWN_REVISIONS", (HEAD_REVISION, "0002_next"))
    monkeypatch.setattr(database, "HEAD_REVISION", "0002_next")
    prepared = prepare_database(data_dir)
    assert prepared.backup is not None
    assert prepared.backup.parent == data_dir / "backups"
    assert "before-0002_next" in prepared.backup.name
    assert quick_check(prepared.backup) == "ok"
    assert dump_tables(prepared.backup) == before
    assert not prepared.created
    assert prepared.damage is None
    assert dump_tables(path) == before


def upgrade_to(path: Path, revision: str) -> None:
    """Build the schema exactly as an older release left it, with Alembic itself."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_sqlite_engine(path)
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def test_a_database_from_the_first_release_is_backed_up_and_migrated(data_dir: Path) -> None:
    if len(KNOWN_REVISIONS) < 2:
        pytest.skip("only one schema revision so far: see the test below")
    path = data_dir / DATABASE_NAME
    upgrade_to(path, KNOWN_REVISIONS[0])
    stamp = Hlc(5, 0, "dev").pack()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO device VALUES ('dev', 2, ?, 1)", (stamp,))
        conn.execute("INSERT INTO classes VALUES ('c1', '4B', 'Year 4', 0, 'h')")
        conn.execute("INSERT INTO students VALUES ('s1', 'Amira', 'Khan', 'drawn:1', 0, 'h')")
        conn.execute("INSERT INTO class_students VALUES ('c1', 's1', 0)")
        conn.execute("INSERT INTO skills VALUES ('k1', 'Helping', 'heart', 'positive', 1, '', "
                     "0, 0, NULL, 'h')")
        conn.execute("INSERT INTO awards VALUES ('a1', 's1', 'c1', 'k1', 1, '', 5, 'b1', "
                     "'dev', ?)", (stamp,))
        conn.execute("INSERT INTO outbox VALUES (1, 'e1', 'award_given', '{}', ?, 0, '', "
                     "'pending', 5)", (stamp,))
    conn.close()
    checkpoint(path)
    old = dump_tables(path)
    assert schema_revision(path) == KNOWN_REVISIONS[0]

    prepared = prepare_database(data_dir)
    assert prepared.backup is not None
    assert prepared.backup.parent == data_dir / "backups"
    assert schema_revision(prepared.backup) == KNOWN_REVISIONS[0]
    assert dump_tables(prepared.backup) == old
    assert quick_check(prepared.backup) == "ok"
    assert schema_revision(path) == HEAD_REVISION
    migrated = dump_tables(path)
    # Rows are kept; classes and students gain field clocks, none yet (0005_field_clocks).
    clocks = {"classes", "students"}
    assert {t: migrated[t] for t in old if t != "alembic_version"} == {
        t: [(*row, "{}") for row in rows] if t in clocks else rows
        for t, rows in old.items() if t != "alembic_version"}
    engine = create_sqlite_engine(path)
    try:
        with engine.connect() as sa_conn:
            assert compare_metadata(MigrationContext.configure(sa_conn), Base.metadata) == []
    finally:
        engine.dispose()
    classroom = open_classroom(data_dir)
    try:
        assert [c.name for c in classroom.roster.classes()] == ["4B"]
        assert classroom.awards.history("s1")[0].award.id == "a1"
        assert classroom.ctx.device_id == "dev"
    finally:
        classroom.close()


def test_a_newer_database_is_refused_and_left_untouched(data_dir: Path) -> None:
    path = make_filled_db(data_dir)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.commit()
    conn.close()
    checkpoint(path)
    digest, listing = sha256(path), folder_listing(data_dir)
    with pytest.raises(NewerDatabaseError) as caught:
        prepare_database(data_dir)
    assert "newer version" in str(caught.value)
    assert "0099_from_the_future" in str(caught.value)
    with pytest.raises(NewerDatabaseError):
        open_classroom(data_dir)
    assert sha256(path) == digest
    assert folder_listing(data_dir) == listing  # no backup, nothing moved aside


# Damaged files --------------------------------------------------------------------------


def assert_moved_aside(data_dir: Path, original: bytes, damage: Damage | None) -> Path:
    damaged = sorted(data_dir.glob(f"{DATABASE_NAME}.damaged-*"))
    damaged = [p for p in damaged if not p.name.endswith(("-wal", "-shm"))]
    assert len(damaged) == 1, damaged
    assert damaged[0].read_bytes() == original
    assert damage is not None
    assert damage.kept_as == damaged[0]
    assert damage.problem
    return damaged[0]


def test_a_file_of_random_bytes_is_moved_aside_and_a_new_database_started(data_dir: Path,
                                                                          ) -> None:
    garbage = random.Random(7).randbytes(64 * 1024)
    (data_dir / DATABASE_NAME).write_bytes(garbage)
    prepared = prepare_database(data_dir)
    assert prepared.created
    assert_moved_aside(data_dir, garbage, prepared.damage)
    assert schema_revision(prepared.path) == HEAD_REVISION
    assert quick_check(prepared.path) == "ok"


def test_a_database_with_a_page_of_garbage_is_moved_aside(data_dir: Path) -> None:
    path = make_filled_db(data_dir, students=200)
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'students'").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    finally:
        conn.close()
    assert 1 < root <= pages
    data = bytearray(path.read_bytes())
    offset = (root - 1) * page_size
    data[offset:offset + page_size] = random.Random(3).randbytes(page_size)
    path.write_bytes(bytes(data))
    assert quick_check(path) != "ok"

    classroom = open_classroom(data_dir)
    try:
        assert_moved_aside(data_dir, bytes(data), classroom.damage)
        assert classroom.roster.classes() == []
        assert classroom.skills.list(), "a fresh database gets the default skills"
    finally:
        classroom.close()
    assert quick_check(path) == "ok"


def test_an_integrity_check_started_early_finds_the_damage_too(data_dir: Path) -> None:
    """The app starts the check while Qt loads, then hands it to open_classroom."""
    garbage = random.Random(5).randbytes(32 * 1024)
    (data_dir / DATABASE_NAME).write_bytes(garbage)
    check = start_integrity_check(data_dir)
    classroom = open_classroom(data_dir, check=check)
    try:
        assert_moved_aside(data_dir, garbage, classroom.damage)
        assert classroom.skills.list()
    finally:
        classroom.close()
    sound = start_integrity_check(data_dir)
    assert sound.problem() is None


def test_two_damaged_files_in_a_row_are_both_kept(data_dir: Path) -> None:
    """A database damaged twice within a second must not overwrite the first copy."""
    first, second = b"first damaged file" * 500, b"second damaged file" * 500
    path = data_dir / DATABASE_NAME
    path.write_bytes(first)
    prepare_database(data_dir)
    path.write_bytes(second)
    prepare_database(data_dir)
    kept = {p.read_bytes() for p in data_dir.glob(f"{DATABASE_NAME}.damaged-*")}
    assert kept == {first, second}


URI_FOLDERS = ["Class #4", "Tom%27s class", "what?", "plain name"]


@pytest.mark.parametrize("folder", URI_FOLDERS)
def test_folder_names_with_uri_characters_reopen_the_same_database(tmp_path: Path,
                                                                   folder: str) -> None:
    """The data folder sits under the user's profile, whose name may contain #, % or ?."""
    data_dir = tmp_path / folder / "data"
    path = make_filled_db(data_dir)
    before = dump_tables(path)
    listing = folder_listing(tmp_path)
    classroom = open_classroom(data_dir)
    try:
        assert classroom.damage is None
        assert [c.name for c in classroom.roster.classes()] == ["4B"]
    finally:
        classroom.close()
    assert dump_tables(path) == before
    assert folder_listing(tmp_path) == listing  # no stray database files anywhere


@pytest.mark.parametrize("folder", URI_FOLDERS)
def test_folder_names_with_uri_characters_still_detect_damage(tmp_path: Path,
                                                              folder: str) -> None:
    data_dir = tmp_path / folder / "data"
    data_dir.mkdir(parents=True)
    garbage = random.Random(11).randbytes(8192)
    (data_dir / DATABASE_NAME).write_bytes(garbage)
    prepared = prepare_database(data_dir)
    assert_moved_aside(data_dir, garbage, prepared.damage)
    assert schema_revision(prepared.path) == HEAD_REVISION

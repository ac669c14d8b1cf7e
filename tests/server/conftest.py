"""Server test fixtures: SQLite and a throwaway PostgreSQL cluster, and a live server."""

from __future__ import annotations

import dataclasses
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from portal_kit import Family, Scene, build_scene
from psycopg import sql
from server_kit import PG_MISSING, Harness, LiveServer

from dojo_server.db.models import Base
from dojo_server.db.session import Database
from dojo_server.settings import Settings, sqlite_url

PG_USER = "dojo"
TEST_DATABASE = "dojo_test"


class PostgresCluster:
    """A PostgreSQL server of its own in a temp folder: Unix socket there, TCP on loopback.

    As root, initdb and pg_ctl run as the ``postgres`` user (PostgreSQL refuses root).
    """

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="dojo-pg-"))
        self.root.chmod(0o755)
        self.data = self.root / "data"
        self.socket_dir = self.root / "sock"
        self.socket_dir.mkdir()
        self.log = self.root / "server.log"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.socket_dir, "postgres", "postgres")
            self.log.touch()
            shutil.chown(self.log, "postgres", "postgres")
            shutil.chown(self.root, "postgres", "postgres")
        self.port = _free_port()
        self._migrated = False

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", PG_USER, "--auth=trust", "-E", "UTF8",
                  "--no-sync")
        options = (f"-k {self.socket_dir} -p {self.port} -h 127.0.0.1 -c fsync=off "
                   "-c max_connections=200 -c synchronous_commit=off")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.log), "-w",
                  "start")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def new_database(self) -> str:
        """The test database, migrated and emptied; its SQLAlchemy URL.

        Emptying one database takes milliseconds where creating one takes half a second.
        """
        if not self._migrated:
            with self._admin() as conn:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(TEST_DATABASE)))
            database = Database(self.url)
            database.migrate()
            database.dispose()
            self._migrated = True
        with self._admin(TEST_DATABASE) as conn:
            tables = sql.SQL(", ").join(sql.Identifier(t.name) for t in Base.metadata.sorted_tables)
            conn.execute(sql.SQL("TRUNCATE {} CASCADE").format(tables))
        return self.url

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{PG_USER}@127.0.0.1:{self.port}/{TEST_DATABASE}"

    def _admin(self, dbname: str = "postgres") -> psycopg.Connection[Any]:
        return psycopg.connect(host="127.0.0.1", port=self.port, user=PG_USER, dbname=dbname,
                               autocommit=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _postgres_bin() -> Path | None:
    if os.environ.get("DOJO_TEST_POSTGRES") == "0":  # run the SQLite variants only
        return None
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster | None]:
    """The session's PostgreSQL cluster, or None when PostgreSQL is not installed."""
    bin_dir = _postgres_bin()
    if bin_dir is None:
        print(f"\n{PG_MISSING}; PostgreSQL variants are skipped")
        yield None
        return
    cluster = PostgresCluster(bin_dir)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of each kind the server supports."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "server.sqlite3")
    cluster: PostgresCluster | None = request.getfixturevalue("postgres")
    if cluster is None:
        pytest.skip(PG_MISSING)
    return cluster.new_database()


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """The server's database, migrated to the head (on SQLite, then PostgreSQL)."""
    database = Database(database_url)
    database.migrate()
    yield database
    database.dispose()


@pytest.fixture
def make_settings(tmp_path: Path, database_url: str) -> Callable[..., Settings]:
    """Settings over the test's data folder and database, with overrides."""

    def make(**overrides: Any) -> Settings:
        base = Settings(data_dir=tmp_path / "data", database_url=database_url)
        return dataclasses.replace(base, **overrides)
    return make


@pytest.fixture
def live_server(make_settings: Callable[..., Settings]) -> Iterator[LiveServer]:
    server = LiveServer(make_settings())
    yield server
    server.stop()


@pytest.fixture
def harness(live_server: LiveServer) -> Iterator[Harness]:
    """A live server with one school; ``harness.enroll(role)`` gives a device."""
    h = Harness(live_server)
    yield h
    h.close()


@pytest.fixture
def scene(harness: Harness) -> Scene:
    """The portal's school (``portal_kit.Scene``): classes, children, a teacher, codes."""
    return build_scene(harness)


@pytest.fixture
def family(scene: Scene) -> Iterator[Family]:
    """Grace, signed in to the portal after joining with Ada's invite code."""
    browser = Family(scene.harness.url)
    assert browser.join(scene.codes[scene.ada], email="grace@example.org").status_code == 303
    yield browser
    browser.close()


@pytest.fixture
def sqlite_harness(tmp_path: Path) -> Iterator[Harness]:
    """``harness`` on SQLite alone: for the browser and console tests, which need one
    database kind, not each."""
    server = LiveServer(Settings(tmp_path / "data", sqlite_url(tmp_path / "server.sqlite3")))
    harness = Harness(server)
    try:
        yield harness
    finally:
        harness.close()
        server.stop()

"""End-to-end fixtures: a real school server on 127.0.0.1 and real app instances."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from ledger import collect_garbage_here
from proxied_board import ProxiedBoard, proxied_board
from school_kit import LiveServer, School

from dojo_desktop.services.classroom import Classroom
from dojo_server.settings import Settings, sqlite_url


def _server_fixtures() -> ModuleType:
    """tests/server/conftest.py, for its PostgreSQL cluster (a conftest of another folder
    is not seen here)."""
    spec = importlib.util.spec_from_file_location(
        "server_conftest", Path(__file__).resolve().parents[1] / "server" / "conftest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


postgres = _server_fixtures().postgres


@pytest.fixture(autouse=True)
def _garbage_collected_first() -> None:
    """Every end-to-end test starts with what earlier tests left in reference cycles freed
    here, on the main thread: otherwise the cycle collector may free it on a server or sync
    thread of this test (Qt objects off their thread, executors, sockets, SQLite files of
    another test). See ``ledger.collect_garbage_here``."""
    collect_garbage_here()


@pytest.fixture
def school(tmp_path: Path) -> Iterator[School]:
    server = LiveServer(Settings(data_dir=tmp_path / "server",
                                 database_url=sqlite_url(tmp_path / "server.sqlite3")))
    kit = School(server, tmp_path)
    yield kit
    kit.close()
    server.stop()


@pytest.fixture
def sync() -> Callable[[Classroom], None]:
    """One full sync round of a device (push, then pull until nothing is left)."""

    def run(classroom: Classroom) -> None:
        engine = classroom.sync.engine()
        assert engine is not None, "device is not paired"
        try:
            engine.sync_once()
        finally:
            engine.transport.close()

    return run


@pytest.fixture
def proxied(school: School) -> Iterator[ProxiedBoard]:
    """A whiteboard paired through a fault proxy that a test can make answer wrongly in
    the server's place (``proxied.switchboard``), synced once, with one award waiting."""
    with proxied_board(school) as board:
        yield board

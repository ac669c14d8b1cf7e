"""End-to-end fixtures: a real school server on 127.0.0.1 and real app instances."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))

from server_kit import LiveServer  # noqa: E402

from dojo_desktop.services.classroom import Classroom, open_classroom  # noqa: E402
from dojo_server.domain import enrollment, schools  # noqa: E402
from dojo_server.settings import Settings, sqlite_url  # noqa: E402


class School:
    """A live server with one school; ``device(role)`` opens and pairs an app instance."""

    def __init__(self, server: LiveServer, root: Path) -> None:
        self.server = server
        self.root = root
        self.school_id = schools.create_school(server.db, "Hillside Primary", "Europe/London")
        self.devices: list[Classroom] = []

    @property
    def url(self) -> str:
        return self.server.url

    def code(self, role: str = "teacher") -> str:
        return enrollment.create_code(self.server.db, self.school_id, role)

    def device(self, name: str, role: str = "teacher") -> Classroom:
        classroom = open_classroom(self.root / name)
        classroom.sync.pair(self.url, self.code(role), device_name=name)
        self.devices.append(classroom)
        return classroom

    def close(self) -> None:
        for classroom in self.devices:
            classroom.close()


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

"""Console fixtures: a live server on SQLite with a school built for the console's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from console_kit import School, build_school
from server_kit import Harness, LiveServer

from dojo_server.settings import Settings, sqlite_url


@pytest.fixture
def school(tmp_path: Path) -> Iterator[School]:
    server = LiveServer(Settings(tmp_path / "data", sqlite_url(tmp_path / "server.sqlite3")))
    harness = Harness(server)
    try:
        yield build_school(harness)
    finally:
        harness.close()
        server.stop()

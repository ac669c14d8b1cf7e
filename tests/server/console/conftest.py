"""Console fixtures: a live server on SQLite with a school built for the console's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from console_kit import School, build_school
from server_kit import Harness, LiveServer

from dojo_server.domain import auth
from dojo_server.settings import Settings, sqlite_url


@pytest.fixture(autouse=True)
def quick_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2id with its lightest settings: the defaults take over half a second a
    hash here, and these tests sign in and add staff many times. The hash says its own
    settings, so checking a password works whichever made it."""
    monkeypatch.setattr(auth, "_passwords", PasswordHasher(time_cost=1, memory_cost=1024,
                                                           parallelism=1))


@pytest.fixture
def school(tmp_path: Path) -> Iterator[School]:
    server = LiveServer(Settings(tmp_path / "data", sqlite_url(tmp_path / "server.sqlite3")))
    harness = Harness(server)
    try:
        yield build_school(harness)
    finally:
        harness.close()
        server.stop()

"""Console fixtures: a live server on SQLite with a school built for the console's tests."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from console_kit import School, build_school
from server_kit import Harness

from dojo_server.domain import auth


@pytest.fixture(autouse=True)
def quick_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2id with its lightest settings: the defaults take over half a second a
    hash here, and these tests sign in and add staff many times. The hash says its own
    settings, so checking a password works whichever made it."""
    monkeypatch.setattr(auth, "_passwords", PasswordHasher(time_cost=1, memory_cost=1024,
                                                           parallelism=1))


@pytest.fixture
def school(sqlite_harness: Harness) -> School:
    return build_school(sqlite_harness)

"""Test-wide setup: Qt runs offscreen, and every test gets its own data folder."""

from __future__ import annotations

import gc
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

OWN_LOGGERS = ("dojo_desktop", "dojo_server", "dojo_protocol")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "expected_log(*patterns): warnings and errors the app's or server's own "
        "loggers may write during this test (regular expressions searched in the message); "
        "any other one fails the test")


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_unexpected_log(request: pytest.FixtureRequest) -> Iterator[None]:
    """A warning or error logged by our own code fails the test that caused it, unless the
    test names it with ``@pytest.mark.expected_log``: a problem the program only logs would
    otherwise pass unseen."""
    handler = _Records()
    loggers = [logging.getLogger(name) for name in OWN_LOGGERS]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
    expected = [re.compile(pattern) for marker in request.node.iter_markers("expected_log")
                for pattern in marker.args]
    unexpected = [f"{r.levelname} {r.name}: {r.getMessage()}" for r in handler.records
                  if not any(p.search(r.getMessage()) for p in expected)]
    if unexpected:
        pytest.fail("unexpected log lines (mark the test with expected_log if they are "
                    "meant):\n  " + "\n  ".join(unexpected[:10]), pytrace=False)


@pytest.fixture(autouse=True)
def collect_qt_leftovers(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a Qt test, free its widgets here on the main thread.

    Left to the garbage collector, a window in a reference cycle may be freed on whatever
    thread allocates next (a test server's), leaving Qt timers registered to dead objects.
    """
    yield
    if {"qtbot", "qapp"} & set(request.fixturenames):
        gc.collect()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder for one app instance."""
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def classroom(data_dir: Path) -> Iterator[object]:
    """A freshly opened classroom database (default skills, no classes)."""
    from dojo_desktop.services.classroom import open_classroom

    opened = open_classroom(data_dir)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[dict[tuple[str, str], str]]:
    """Every test gets an empty keyring in memory: the OS keyring's stand-in, the one mock
    at the edge of the world."""
    import keyring
    import keyring.backend

    class _Backend(keyring.backend.KeyringBackend):
        priority = 100  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.secrets: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.secrets.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.secrets[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.secrets.pop((service, username), None)

    previous = keyring.get_keyring()
    backend = _Backend()
    keyring.set_keyring(backend)
    yield backend.secrets
    keyring.set_keyring(previous)

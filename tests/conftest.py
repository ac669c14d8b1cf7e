"""Test-wide setup: Qt runs offscreen, and every test gets its own data folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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

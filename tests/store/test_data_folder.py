"""A data folder the app cannot write to (a read-only drive, a full disk, a file where the
folder should be): the teacher reads which folder, why and what to do, and nothing already
stored there changes. The read-only drive and the full disk are real: small tmpfs mounts,
which need root (CI runs as root)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from dbfiles import dump_tables

from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.services.errors import DataFolderError
from dojo_desktop.store.database import DATABASE_NAME


def mount(point: Path, *options: str) -> None:
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(options), "tmpfs",
                             str(point)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({result.stderr.strip()}); CI runs as root")


@pytest.fixture
def drive(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB drive of its own."""
    point = tmp_path / "drive"
    point.mkdir()
    mount(point, "size=2m")
    yield point
    subprocess.run(["umount", "-l", str(point)], check=False)


def test_a_read_only_drive_names_the_folder_and_changes_nothing(drive: Path) -> None:
    data_dir = drive / "DojoDesktop"
    room = open_classroom(data_dir)
    group, _ = room.roster.create_class("4B")
    room.roster.add_student(group.id, "Amira", "Khan")
    room.close()
    before = dump_tables(data_dir / DATABASE_NAME)
    subprocess.run(["mount", "-o", "remount,ro", str(drive)], check=True)

    with pytest.raises(DataFolderError) as raised:
        open_classroom(data_dir)
    text = str(raised.value)
    assert str(data_dir) in text and "read-only" in text and "DOJO_DATA_DIR" in text
    assert "Errno" not in text
    assert dump_tables(data_dir / DATABASE_NAME) == before


def test_a_full_disk_says_so(drive: Path) -> None:
    (drive / "filler").write_bytes(b"\0" * (2 * 1024 * 1024 - 4096 * 2))
    with pytest.raises(DataFolderError) as raised:
        open_classroom(drive / "DojoDesktop")
    assert "the disk is full" in str(raised.value)


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "DojoDesktop").write_text("not a folder", encoding="utf-8")
    with pytest.raises(DataFolderError) as raised:
        open_classroom(tmp_path / "DojoDesktop" / "data")
    text = str(raised.value)
    assert "cannot find or make its data folder" in text and str(tmp_path) in text

"""OneRoster exports for the tests: the fixtures (written from the 1.1 and 1.2 CSV
binding) copied to a test's folder, edited there, zipped; and running the commands that
read them."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from dojo_server.cli import main

FIXTURES = Path(__file__).with_name("fixtures")
V1_1 = "oneroster_1_1_messy"
V1_2 = "oneroster_1_2"


def export_copy(fixture: str, into: Path) -> Path:
    """A copy of the fixture export ``fixture`` in ``into``, to edit."""
    target = into / fixture
    shutil.copytree(FIXTURES / fixture, target)
    return target


def edit(export: Path, file: str, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in one file of the export."""
    path = export / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(export: Path, file: str, line: str) -> None:
    with (export / file).open("a", encoding="utf-8") as out:
        out.write(line + "\n")


def zipped(export: Path, folder_inside: str = "") -> Path:
    """The export as a zip, its files at the top or in ``folder_inside``."""
    target = export.with_suffix(".zip")
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(export.iterdir()):
            archive.write(file, f"{folder_inside}/{file.name}" if folder_inside else file.name)
    return target


def dojo(capsys: pytest.CaptureFixture[str], *args: str, status: int = 0) -> str:
    """All that ``dojo-server args`` printed (stdout, then stderr); it must exit with
    ``status``."""
    assert main(list(args)) == status
    captured = capsys.readouterr()
    return captured.out + captured.err

"""The CSV files of an export, from a folder or a zip: decoded, split into rows, and each
row's values looked up by the specification's column names, whatever their order or case."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from dojo_server.roster_import.problems import RosterFileError, RosterProblem

MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Row:
    """One record of a file: the line it starts on and its values by column (as the
    specification spells the column)."""

    line: int
    values: Mapping[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass(frozen=True)
class Table:
    """One CSV file: its name, the columns it has (spelled as the specification does) and
    its rows."""

    name: str
    columns: frozenset[str]
    rows: list[Row]


class Export:
    """The files of one export: a folder holding them, or a zip (at its top or in one
    folder inside)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._files = _folder_files(path) if path.is_dir() else _zip_files(path)

    def has(self, name: str) -> bool:
        return name.casefold() in self._files

    def text(self, name: str) -> str:
        """The file's text: UTF-8 (a byte order mark is allowed)."""
        data = self._files[name.casefold()]()
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise RosterFileError([RosterProblem(
                name, None, "", f"is not UTF-8 text (byte {exc.start + 1}); export it "
                "again as UTF-8")]) from exc


_Loader = Callable[[], bytes]


def _folder_files(path: Path) -> dict[str, _Loader]:
    if not path.exists():
        raise RosterFileError([RosterProblem(str(path), None, "", "does not exist")])
    return {f.name.casefold(): _file_loader(f) for f in path.iterdir()
            if f.is_file() and f.suffix.casefold() == ".csv"}


def _file_loader(path: Path) -> _Loader:
    def read() -> bytes:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise RosterFileError([RosterProblem(path.name, None, "", _TOO_LARGE)])
        return path.read_bytes()
    return read


def _zip_files(path: Path) -> dict[str, _Loader]:
    """The zip's CSV files, read into memory (the archive is closed at once)."""
    files: dict[str, _Loader] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                name = member.filename.rsplit("/", 1)[-1]
                if (member.is_dir() or not name.casefold().endswith(".csv")
                        or name.startswith("._")):  # macOS's resource forks
                    continue
                if member.file_size > MAX_FILE_BYTES:
                    raise RosterFileError([RosterProblem(name, None, "", _TOO_LARGE)])
                files[name.casefold()] = partial(bytes, archive.read(member))
    except (OSError, zipfile.BadZipFile) as exc:
        reason = "does not exist" if not path.exists() else "is neither a folder nor a zip file"
        raise RosterFileError([RosterProblem(path.name, None, "", reason)]) from exc
    return files


_TOO_LARGE = "is too large to be a school's roster"


def read_table(export: Export, name: str, known: tuple[str, ...],
               warnings: list[RosterProblem]) -> Table:
    """The rows of ``name``, with headers matched to ``known`` ignoring case and spaces.

    ``ext_`` columns (the specification's extensions) are kept; other unknown columns are
    read past with a warning. A record that cannot be read refuses the file.
    """
    text = export.text(name)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    next_line = 1
    try:
        for record in reader:
            records.append((next_line, record))
            next_line = reader.line_num + 1
    except csv.Error as exc:
        raise RosterFileError([RosterProblem(
            name, next_line, "", f"cannot be read as CSV ({exc}); a quote may be "
            "missing")]) from exc
    if not records or not any(v.strip() for v in records[0][1]):
        raise RosterFileError([RosterProblem(name, 1, "", "has no header line")])
    by_fold = {column.casefold(): column for column in known}
    header: list[str] = []
    problems: list[RosterProblem] = []
    for title in records[0][1]:
        folded = title.strip().casefold()
        column = by_fold.get(folded, title.strip())
        if column in header:
            problems.append(RosterProblem(name, 1, column, "appears twice in the header"))
        elif column not in by_fold.values() and not folded.startswith("ext_"):
            warnings.append(RosterProblem(name, 1, title.strip(), "is not a OneRoster "
                                          "column; its values were not read"))
        header.append(column)
    if problems:
        raise RosterFileError(problems)
    rows = list(_rows(name, header, records[1:], problems))
    if problems:
        raise RosterFileError(problems)
    return Table(name, frozenset(header), rows)


def _rows(name: str, header: list[str], records: list[tuple[int, list[str]]],
          problems: list[RosterProblem]) -> Iterator[Row]:
    for line, record in records:
        if not any(v.strip() for v in record):
            continue  # a blank line, often at the end
        if len(record) != len(header):
            problems.append(RosterProblem(
                name, line, "", f"has {len(record)} values where the header has "
                f"{len(header)} columns"))
            continue
        yield Row(line, {column: value.strip() for column, value in zip(header, record,
                                                                         strict=True)})

"""Reading a roster CSV: every problem is found and reported, or the whole file is accepted."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from dojo_desktop.core.error_texts import Message, message
from dojo_protocol.limits import MAX_CLASS_NAME, MAX_PERSON_NAME, MAX_SOURCED_ID

MAX_ROWS = 5000

_HEADERS = {
    "first_name": ("first name", "firstname", "first_name", "given name", "forename", "first"),
    "last_name": ("last name", "lastname", "last_name", "surname", "family name", "last"),
    "class_name": ("class", "class name", "classname", "class_name", "form", "group"),
    # The child's id: the app's own (its export's "id") or the school system's.
    "student_id": ("id", "student id", "student_id", "studentid", "sourcedid", "sourced id",
                   "sourced_id", "pupil id", "upn"),
}
_OPTIONAL = ("class_name", "student_id")


@dataclass(frozen=True)
class RosterRow:
    """One student read from the file, with the line it came from."""

    line: int
    first_name: str
    last_name: str
    class_name: str | None
    student_id: str = ""  # from an id column, when the file has one


@dataclass(frozen=True)
class RosterFile:
    """A roster read whole: its students, and the lines left out because they repeat an
    earlier line exactly (line, earlier line)."""

    rows: list[RosterRow]
    repeated: list[tuple[int, int]] = field(default_factory=list)
    has_ids: bool = False


@dataclass(frozen=True)
class CsvProblem:
    """Something wrong at a line (1-based, the header is line 1) and column."""

    line: int
    column: str
    message: str  # in English; ``key`` says the same for the window to translate
    key: Message | None = field(default=None, compare=False)

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column “{self.column}”" if self.column else "")
        return f"{where}: {self.message}"


class RosterCsvError(ValueError):
    """The file was refused as a whole; ``problems`` lists every reason."""

    def __init__(self, problems: list[CsvProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems[:5]))
        self.problems = problems


def _problem(line: int, column: str, message_id: str, /, **params: str | int) -> CsvProblem:
    key = message(message_id, **params)
    return CsvProblem(line, column, str(key), key)


def decode_csv_bytes(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), else Windows-1252 as Excel writes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict")


def parse_roster_csv(data: bytes) -> list[RosterRow]:
    """Parse a roster; raise RosterCsvError listing every problem if any row is bad."""
    return read_roster_csv(data).rows


def read_roster_csv(data: bytes) -> RosterFile:
    """Like :func:`parse_roster_csv`, with the lines that repeat another exactly (each
    read once) and whether the file has an id column."""
    try:
        text = decode_csv_bytes(data)
    except UnicodeDecodeError as exc:
        raise RosterCsvError(
            [_problem(1, "", "csv.not_text", byte=exc.start)]
        ) from exc
    if "\x00" in text:
        raise RosterCsvError([_problem(1, "", "csv.binary")])
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise RosterCsvError([_problem(1, "", "csv.empty")])
    delimiter = _sniff_delimiter(lines[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[int, list[str], int]] = []
    try:
        for record in reader:
            # A quoted value may span lines: the record starts after the previous one ended.
            records.append((records[-1][2] + 1 if records else 1, record, reader.line_num))
    except csv.Error as exc:
        # Report the line where the unreadable record starts (e.g. an unclosed quote).
        start = records[-1][2] + 1 if records else 1
        raise RosterCsvError([_problem(start, "", "csv.unreadable", reason=str(exc))]) from exc
    header = [h.strip() for h in records[0][1]]
    columns, problems = _map_header(header)
    if problems:
        raise RosterCsvError(problems)
    return _read_rows([(line, record) for line, record, _ in records[1:]], header, columns)


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _map_header(header: list[str]) -> tuple[dict[str, int], list[CsvProblem]]:
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        for key, aliases in _HEADERS.items():
            if title.casefold() in aliases and key not in columns:
                columns[key] = index
    problems = [
        _problem(1, "", "csv.missing_column", column=aliases[0].capitalize(),
                 found=", ".join(header)) if any(header)
        else _problem(1, "", "csv.missing_column_no_header", column=aliases[0].capitalize())
        for key, aliases in _HEADERS.items()
        if key not in _OPTIONAL and key not in columns
    ]
    return columns, problems


def _read_rows(
    records: list[tuple[int, list[str]]], header: list[str], columns: dict[str, int]
) -> RosterFile:
    problems: list[CsvProblem] = []
    rows: list[RosterRow] = []
    seen: dict[tuple[str, ...], int] = {}
    whole_lines: dict[tuple[str, ...], int] = {}
    repeated: list[tuple[int, int]] = []
    data_records = [(n, r) for n, r in records if any(c.strip() for c in r)]
    if not data_records:
        raise RosterCsvError([_problem(2, "", "csv.no_students")])
    if len(data_records) > MAX_ROWS:
        raise RosterCsvError([_problem(MAX_ROWS + 2, "", "csv.too_many_rows", max=MAX_ROWS)])
    for line, record in data_records:
        if len(record) > len(header):
            problems.append(_problem(line, "", "csv.too_many_values",
                                     values=len(record), columns=len(header)))
            continue
        whole = tuple(v.strip() for v in record) + ("",) * (len(header) - len(record))
        if whole in whole_lines:  # the same line again (a file pasted twice): read once
            repeated.append((line, whole_lines[whole]))
            continue
        whole_lines[whole] = line
        values = {key: (record[i].strip() if i < len(record) else "") for key, i in columns.items()}
        student_id = values.get("student_id", "")
        if len(student_id) > MAX_SOURCED_ID:
            problems.append(_problem(line, header[columns["student_id"]], "csv.too_long",
                                     max=MAX_SOURCED_ID))
        for key in ("first_name", "last_name"):
            title = header[columns[key]]
            if key == "first_name" and not values[key]:
                problems.append(_problem(line, title, "csv.empty_value"))
            elif len(values[key]) > MAX_PERSON_NAME:
                problems.append(_problem(line, title, "csv.too_long", max=MAX_PERSON_NAME))
        class_name = values.get("class_name") or None
        if class_name and len(class_name) > MAX_CLASS_NAME:
            problems.append(_problem(line, header[columns["class_name"]], "csv.too_long",
                                     max=MAX_CLASS_NAME))
        # Two children of one name in a class are told apart by their ids, if any.
        identity: tuple[str, ...] = (
            ("id", student_id) if student_id else
            (values["first_name"].casefold(), values["last_name"].casefold(),
             (class_name or "").casefold()))
        if values["first_name"] and identity in seen:
            problems.append(_problem(line, "", "csv.duplicate", line=seen[identity]))
        seen.setdefault(identity, line)
        rows.append(RosterRow(line, values["first_name"], values["last_name"], class_name,
                              student_id))
    if problems:
        raise RosterCsvError(problems)
    return RosterFile(rows, repeated, "student_id" in columns)

"""A OneRoster 1.1 or 1.2 CSV export read into the classes, children and staff it holds.

Every file is checked before anything is used: a broken export is refused as a whole
(:class:`RosterFileError`, each problem with its file, line and column); what the
specification allows but looks odd (a term overlapping the next, an unknown column) comes
back as a warning.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from dojo_protocol.limits import MAX_CLASS_NAME, MAX_PERSON_NAME, MAX_SOURCED_ID
from dojo_server.roster_import import columns as spec
from dojo_server.roster_import.csv_tables import Export, Row, Table, read_table
from dojo_server.roster_import.problems import RosterFileError, RosterProblem


@dataclass(frozen=True)
class RosterClass:
    """A class of the export."""

    sourced_id: str
    title: str


@dataclass(frozen=True)
class RosterPerson:
    """A child or a member of staff; ``role`` is the OneRoster role (``student``,
    ``teacher`` ...)."""

    sourced_id: str
    given_name: str
    family_name: str
    role: str
    email: str = ""


@dataclass
class Roster:
    """What an export holds: classes, children, staff, each child's classes, and the
    warnings found while reading it."""

    version: str
    classes: dict[str, RosterClass] = field(default_factory=dict)
    students: dict[str, RosterPerson] = field(default_factory=dict)
    staff: dict[str, RosterPerson] = field(default_factory=dict)
    enrollments: dict[str, list[str]] = field(default_factory=dict)  # child -> classes
    school_years: list[str] = field(default_factory=list)  # sessions' titles, by end date
    teachers: dict[str, list[str]] = field(default_factory=dict)  # class -> staff
    warnings: list[RosterProblem] = field(default_factory=list)


def read_export(path: Path) -> Roster:
    """Read the export at ``path`` (a folder or a zip); raise RosterFileError if broken."""
    return _Reading(Export(path)).roster()


class _Reading:
    """One pass over an export, gathering every problem before refusing it."""

    def __init__(self, export: Export) -> None:
        self.export = export
        self.problems: list[RosterProblem] = []
        self.warnings: list[RosterProblem] = []
        self.broken = False  # a file whose rows cannot be read or lack a column

    def roster(self) -> Roster:
        version = self._manifest()
        for needed in ("classes.csv", "users.csv", "enrollments.csv"):
            if not self.export.has(needed):
                self.problems.append(RosterProblem(needed, None, "", "is missing from the "
                                                   "export"))
        if version == "1.2" and self.export.has("users.csv") and not self.export.has(
                "roles.csv"):
            self.problems.append(RosterProblem("roles.csv", None, "", "is missing: a "
                                               "OneRoster 1.2 export gives users' roles there"))
        self._raise_if_any()
        tables = {name: self._table(file_spec) for name, file_spec in _FILES.items()
                  if self.export.has(file_spec.name)}
        if self.broken:
            self._raise_if_any()
        roster = Roster(version)
        self._sessions(roster, tables.get("sessions"))
        course_ids = _ids(tables.get("courses"))
        self._classes(roster, tables["classes"], course_ids, _ids(tables.get("sessions")))
        self._users(roster, tables["users"], tables.get("roles"))
        self._enrollments(roster, tables["enrollments"], _ids(tables["classes"], True) or set(),
                          _ids(tables["users"], True) or set())
        self._raise_if_any()
        roster.warnings = self.warnings
        return roster

    def _raise_if_any(self) -> None:
        if self.problems:
            order = {f.name: index for index, f in enumerate(_FILES.values())}
            self.problems.sort(key=lambda p: (order.get(p.file, -1), p.line or 0))
            raise RosterFileError(self.problems)

    def _manifest(self) -> str:
        if not self.export.has("manifest.csv"):
            self.warnings.append(RosterProblem("manifest.csv", None, "", "is missing; the "
                                               "files were read as OneRoster 1.1 or 1.2 by "
                                               "their columns"))
            return self._version_from_users()
        table = read_table(self.export, "manifest.csv", ("propertyName", "value"),
                           self.warnings)
        self._require_columns(table, ("propertyName", "value"))
        self._raise_if_any()
        properties = {row["propertyName"]: (row, row["value"]) for row in table.rows}
        version = properties.get("oneroster.version", (None, ""))[1]
        if version not in ("1.1", "1.2"):
            row = properties.get("oneroster.version", (None, ""))[0]
            self.problems.append(RosterProblem(
                "manifest.csv", row.line if row else None, "value",
                f"gives OneRoster version “{version}”; only 1.1 and 1.2 can be imported"
                if row else "does not say which OneRoster version the export follows"))
        for key, (row, value) in properties.items():
            if not key.startswith("file."):
                continue
            mode = value.casefold()
            file_name = key.removeprefix("file.") + ".csv"
            if mode == "delta":
                self.problems.append(RosterProblem(
                    "manifest.csv", row.line, "value", f"{file_name} is a delta export; "
                    "export the whole roster (bulk) and import that"))
            elif mode == "bulk" and not self.export.has(file_name):
                self.problems.append(RosterProblem(
                    "manifest.csv", row.line, "value", f"lists {file_name}, which is not in "
                    "the export"))
            elif mode not in ("bulk", "absent"):
                self.problems.append(RosterProblem(
                    "manifest.csv", row.line, "value", f"“{value}” is not bulk, delta or "
                    "absent"))
        return version

    def _version_from_users(self) -> str:
        if not self.export.has("users.csv"):
            return "1.1"
        header = self.export.text("users.csv").split("\n", 1)[0].casefold()
        return "1.1" if "role" in [h.strip().strip('"') for h in header.split(",")] else "1.2"

    def _table(self, file_spec: spec.FileSpec) -> Table:
        known = file_spec.columns
        if file_spec.name == "users.csv":
            known = tuple(dict.fromkeys((*spec.USERS_11.columns, *spec.USERS_12.columns)))
        try:
            table = read_table(self.export, file_spec.name, known, self.warnings)
        except RosterFileError as exc:
            self.problems.extend(exc.problems)
            self.broken = True
            return Table(file_spec.name, frozenset(), [])
        required = file_spec.required
        if file_spec.name == "users.csv" and "role" not in table.columns:
            required = spec.USERS_12.required
        if self._require_columns(table, required):
            self._check_rows(table, required)
        else:
            self.broken = True
        return table

    def _require_columns(self, table: Table, required: Iterable[str]) -> bool:
        missing = [c for c in required if c not in table.columns]
        for column in missing:
            self.problems.append(RosterProblem(table.name, 1, column, "is missing from the "
                                               "header"))
        return not missing

    def _check_rows(self, table: Table, required: tuple[str, ...]) -> None:
        seen: dict[str, int] = {}
        for row in table.rows:
            for column in required:
                if not row[column]:
                    self._problem(table, row, column, "is empty")
            status = row["status"].casefold()
            if status and status not in spec.STATUSES:
                self._problem(table, row, "status", f"“{row['status']}” is not active or "
                              "tobedeleted")
            sourced_id = row["sourcedId"]
            if len(sourced_id) > MAX_SOURCED_ID:
                self._problem(table, row, "sourcedId", f"is longer than {MAX_SOURCED_ID} "
                              "characters")
            elif sourced_id in seen:
                self._problem(table, row, "sourcedId", f"“{sourced_id}” is also on line "
                              f"{seen[sourced_id]}")
            seen.setdefault(sourced_id, row.line)

    def _problem(self, table: Table, row: Row, column: str, message: str) -> None:
        self.problems.append(RosterProblem(table.name, row.line, column, message))

    def _enum(self, table: Table, row: Row, column: str, allowed: tuple[str, ...]) -> str:
        """The value as the specification spells it, whatever its case; "" if unknown."""
        value = row[column]
        for known in allowed:
            if value.casefold() == known.casefold():
                return known
        if value:
            self._problem(table, row, column, f"“{value}” is not one of {', '.join(allowed)}")
        return ""

    def _date(self, table: Table, row: Row, column: str) -> datetime.date | None:
        value = row[column]
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            self._problem(table, row, column, f"“{value}” is not a date written as "
                          "YYYY-MM-DD")
            return None

    def _sessions(self, roster: Roster, table: Table | None) -> None:
        if table is None:
            return
        terms: dict[str, list[tuple[datetime.date, datetime.date, Row]]] = defaultdict(list)
        years: list[tuple[datetime.date, str]] = []
        for row in _live(table):
            kind = self._enum(table, row, "type", spec.SESSION_TYPES)
            start, end = self._date(table, row, "startDate"), self._date(table, row, "endDate")
            if start and end and end < start:
                self._problem(table, row, "endDate", "is before the startDate")
            elif start and end and kind in ("term", "semester", "gradingPeriod"):
                terms[f"{kind}/{row['parentSourcedId']}"].append((start, end, row))
            elif end and kind == "schoolYear" and row["title"].strip():
                years.append((end, row["title"].strip()))
        roster.school_years = [title for _end, title in sorted(years)]
        for runs in terms.values():
            runs.sort(key=lambda run: run[0])
            for (_, end, row), (start, _, following) in pairwise(runs):
                if start <= end:
                    self.warnings.append(RosterProblem(
                        table.name, row.line, "endDate",
                        f"“{row['title']}” ends on {end.isoformat()}, after the next one, "
                        f"“{following['title']}” (line {following.line}), has started"))

    def _classes(self, roster: Roster, table: Table, courses: set[str] | None,
                 terms: set[str] | None) -> None:
        for row in _live(table):
            self._enum(table, row, "classType", spec.CLASS_TYPES)
            if courses is not None and row["courseSourcedId"] not in courses:
                self._problem(table, row, "courseSourcedId", f"“{row['courseSourcedId']}” "
                              "is not in courses.csv")
            for term in _list(row["termSourcedIds"]):
                if terms is not None and term not in terms:
                    self._problem(table, row, "termSourcedIds", f"“{term}” is not in "
                                  "academicSessions.csv")
            roster.classes[row["sourcedId"]] = RosterClass(
                row["sourcedId"], self._fit(table, row, "title", MAX_CLASS_NAME))

    def _fit(self, table: Table, row: Row, column: str, limit: int) -> str:
        value = " ".join(row[column].split())
        if len(value) > limit:
            self.warnings.append(RosterProblem(table.name, row.line, column,
                                               f"is longer than {limit} characters and was "
                                               "shortened"))
            value = value[:limit].rstrip()
        return value

    def _users(self, roster: Roster, table: Table, roles: Table | None) -> None:
        role_of = self._roles(roles) if roles is not None else {}
        for row in _live(table):
            enabled = row["enabledUser"].casefold()
            if enabled not in ("true", "false"):
                self._problem(table, row, "enabledUser", f"“{row['enabledUser']}” is not "
                              "true or false")
            role = role_of.get(row["sourcedId"], "")
            if "role" in table.columns and row["role"]:
                role = self._enum(table, row, "role", spec.USER_ROLES)
            elif not role:
                self._problem(table, row, "role" if roles is None else "sourcedId",
                              "is empty" if roles is None
                              else "no line of roles.csv gives this user a role")
                continue
            person = RosterPerson(row["sourcedId"],
                                  self._fit(table, row, "givenName", MAX_PERSON_NAME),
                                  self._fit(table, row, "familyName", MAX_PERSON_NAME),
                                  role, row["email"].lower())
            if role == "student":
                roster.students[person.sourced_id] = person
            elif role in spec.STAFF_ROLES and enabled != "false":
                roster.staff[person.sourced_id] = person

    def _roles(self, table: Table) -> dict[str, str]:
        """Each user's role from roles.csv (1.2): the primary one, else any."""
        found: dict[str, tuple[bool, str]] = {}
        for row in _live(table):
            role = self._enum(table, row, "role", spec.USER_ROLES)
            kind = self._enum(table, row, "roleType", ("primary", "secondary"))
            user = row["userSourcedId"]
            if role and (user not in found or (kind == "primary" and not found[user][0])):
                found[user] = (kind == "primary", role)
        return {user: role for user, (_, role) in found.items()}

    def _enrollments(self, roster: Roster, table: Table, classes: set[str],
                     users: set[str]) -> None:
        """Each child's classes, and who teaches each class. An enrolment in a class or of
        a user the export marks to be deleted is left out; one naming what the export
        lacks is a problem."""
        for row in _live(table):
            role = self._enum(table, row, "role", spec.ENROLLMENT_ROLES)
            self._date(table, row, "beginDate")
            self._date(table, row, "endDate")
            for column, known, file in (("classSourcedId", classes, "classes.csv"),
                                        ("userSourcedId", users, "users.csv")):
                if row[column] not in known:
                    self._problem(table, row, column, f"“{row[column]}” is not in {file}")
            if (role == "student" and row["classSourcedId"] in roster.classes
                    and row["userSourcedId"] in roster.students):
                joined = roster.enrollments.setdefault(row["userSourcedId"], [])
                if row["classSourcedId"] not in joined:
                    joined.append(row["classSourcedId"])
            elif (role in ("teacher", "aide") and row["classSourcedId"] in roster.classes
                    and row["userSourcedId"] in roster.staff):
                teaching = roster.teachers.setdefault(row["classSourcedId"], [])
                if row["userSourcedId"] not in teaching:
                    teaching.append(row["userSourcedId"])
        for child in roster.students:
            if child not in roster.enrollments:
                self.warnings.append(RosterProblem(
                    "enrollments.csv", None, "", f"the child “{child}” is in no class and "
                    "was left out"))


_FILES = {"orgs": spec.ORGS, "sessions": spec.SESSIONS, "courses": spec.COURSES,
          "classes": spec.CLASSES, "users": spec.USERS_11, "roles": spec.ROLES,
          "enrollments": spec.ENROLLMENTS, "demographics": spec.DEMOGRAPHICS}


def _live(table: Table) -> list[Row]:
    """The rows not marked to be deleted."""
    return [row for row in table.rows if row["status"].casefold() not in ("tobedeleted",
                                                                          "inactive")]


def _ids(table: Table | None, deleted_too: bool = False) -> set[str] | None:
    """The file's sourcedIds (None without the file), those to be deleted only if asked."""
    if table is None:
        return None
    return {row["sourcedId"] for row in (table.rows if deleted_too else _live(table))}


def _list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]

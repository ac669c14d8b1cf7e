"""Classes and students: create, rename, archive, avatars and CSV import."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dojo_desktop.core.events import Event, EventKind
from dojo_desktop.core.ids import uuid7
from dojo_desktop.core.model import ClassGroup, Student
from dojo_desktop.core.roster_csv import RosterRow, read_roster_csv
from dojo_desktop.services.blobs import blob_path, store_blob
from dojo_desktop.services.context import ServiceContext
from dojo_desktop.services.errors import invalid
from dojo_desktop.services.views import Changes
from dojo_protocol.limits import MAX_CLASS_NAME, MAX_PERSON_NAME

MAX_CSV_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class RosterImport:
    """What a CSV import did: children added, children found already on the roster (their
    lines and names, not added again), and lines left out for repeating an earlier line
    exactly (line, earlier line)."""

    added: int
    changes: Changes
    matched: list[tuple[int, str]] = field(default_factory=list)
    repeated: list[tuple[int, int]] = field(default_factory=list)


class RosterService:
    """The roster. Each call is one transaction."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def classes(self, include_archived: bool = False) -> list[ClassGroup]:
        return self._ctx.reader.classes(include_archived)

    def students(self, class_id: str, include_archived: bool = False) -> list[Student]:
        return self._ctx.reader.students(class_id, include_archived)

    def student(self, student_id: str) -> Student | None:
        return self._ctx.reader.student(student_id)

    def create_class(self, name: str, year_group: str = "") -> tuple[ClassGroup, Changes]:
        name = _clean(name, "class")
        class_id = uuid7()
        self._ctx.record([self._ctx.event(EventKind.CLASS_CREATED, {
            "class_id": class_id, "name": name, "year_group": year_group.strip()})])
        return ClassGroup(class_id, name, year_group.strip()), _roster_changes()

    def rename_class(self, class_id: str, name: str) -> Changes:
        return self._update_class(class_id, name=_clean(name, "class"))

    def archive_class(self, class_id: str, archived: bool = True) -> Changes:
        return self._update_class(class_id, archived=archived)

    def add_student(self, class_id: str, first_name: str, last_name: str = "",
                    avatar: str | None = None) -> tuple[Student, Changes]:
        student = Student(uuid7(), _clean(first_name, "first"),
                          _clean(last_name, "last", required=False), "")
        student = Student(student.id, student.first_name, student.last_name,
                          avatar or _drawn_avatar_for(student.id))
        self._ctx.record([self._student_added(class_id, student)])
        return student, _roster_changes(student.id)

    def rename_student(self, student_id: str, first_name: str, last_name: str) -> Changes:
        return self._update_student(student_id, first_name=_clean(first_name, "first"),
                                    last_name=_clean(last_name, "last", required=False))

    def archive_student(self, student_id: str, archived: bool = True) -> Changes:
        """Take a student off the roster; their history stays."""
        return self._update_student(student_id, archived=archived)

    def set_drawn_avatar(self, student_id: str, index: int) -> Changes:
        return self._update_student(student_id, avatar=f"drawn:{int(index)}")

    def set_avatar_image(self, student_id: str, image_file: Path) -> Changes:
        """Use a picture as the avatar: checked, cropped square, resized, metadata removed."""
        from dojo_desktop.services.avatars import prepare_avatar  # Pillow: only when needed

        if self._ctx.reader.student(student_id) is None:
            raise invalid("roster.student_gone")
        data = prepare_avatar(image_file)
        digest, _ = store_blob(self._ctx.data_dir / "blobs", data)
        self._ctx.writer.add_blob(digest, "image/png", len(data))
        return self._update_student(student_id, avatar=f"image:{digest}")

    def avatar_path(self, student: Student) -> str | None:
        """The local image file of an image avatar, if it is here."""
        if not student.avatar.startswith("image:"):
            return None
        path = blob_path(self._ctx.data_dir / "blobs", student.avatar.removeprefix("image:"))
        return str(path) if path.exists() else None

    def import_csv(self, csv_file: Path, default_class_id: str | None,
                   progress: Callable[[int, int], None] | None = None) -> tuple[int, Changes]:
        """Import students from a CSV, all or nothing (see :meth:`import_roster`); returns
        how many were added and what changed."""
        done = self.import_roster(csv_file, default_class_id, progress)
        return done.added, done.changes

    def import_roster(self, csv_file: Path, default_class_id: str | None,
                      progress: Callable[[int, int], None] | None = None,
                      new_class_name: str | None = None) -> RosterImport:
        """Import students from a CSV, all or nothing.

        Rows name their class in a "Class" column (a class is created when none has that
        name); rows without one go to ``default_class_id``, or to a class named
        ``new_class_name``, made in the same transaction as the students (a refused file
        makes no class). A child already in the class is found, not added again: by the
        file's id column (the app's own id, or the school system's kept from an earlier
        import), else by first and last name. A line repeating an earlier one exactly is
        read once. A bad file raises RosterCsvError listing the line and column of every
        problem, and nothing is stored. ``progress(done, total)`` hears of each step; if it
        raises (the user cancelled), nothing is stored: it is never called once the
        students are being written.
        """
        report = progress or (lambda _done, _total: None)
        report(0, 2)
        try:
            size = csv_file.stat().st_size
            if size > MAX_CSV_BYTES:
                raise invalid("roster.file_too_big", file=csv_file.name)
            data = csv_file.read_bytes()
        except OSError as exc:
            raise invalid("roster.file_unreadable", file=csv_file.name,
                          reason=exc.strerror or str(exc)) from exc
        roster = read_roster_csv(data)
        if (default_class_id is None and not new_class_name
                and any(r.class_name is None for r in roster.rows)):
            raise invalid("roster.no_class")
        events, matched = self._import_events(roster.rows, default_class_id, new_class_name)
        report(1, 2)
        if events:
            self._ctx.record(events)
        added = [e.payload["student_id"] for e in events if e.kind is EventKind.STUDENT_ADDED]
        return RosterImport(len(added), _roster_changes(*added), matched, roster.repeated)

    def _import_events(self, rows: list[RosterRow], default_class_id: str | None,
                       new_class_name: str | None) -> tuple[list[Event], list[tuple[int, str]]]:
        by_name = {c.name.casefold(): c.id for c in self.classes(include_archived=True)}
        events: list[Event] = []
        if default_class_id is None and new_class_name:
            default_class_id = self._class_named(new_class_name, by_name, events)
        by_source = self._ctx.reader.student_ids_by_source()
        in_class: dict[str, dict[tuple[str, str], str]] = {}
        matched: list[tuple[int, str]] = []
        for row in rows:
            class_id = default_class_id
            if row.class_name:
                class_id = self._class_named(row.class_name, by_name, events)
            assert class_id is not None
            if class_id not in in_class:
                in_class[class_id] = {(s.first_name.casefold(), s.last_name.casefold()): s.id
                                      for s in self.students(class_id, include_archived=True)}
            if self._already_here(row, in_class[class_id], by_source):
                matched.append((row.line, f"{row.first_name} {row.last_name}".strip()))
                continue
            student_id = uuid7()
            events.append(self._student_added(class_id, Student(
                student_id, row.first_name, row.last_name, _drawn_avatar_for(student_id)),
                sourced_id=row.student_id))
        return events, matched

    def _class_named(self, name: str, by_name: dict[str, str], events: list[Event]) -> str:
        """The id of the class called ``name``; its ``class_created`` event joins
        ``events`` if there is none yet."""
        class_id = by_name.get(name.casefold())
        if class_id is None:
            class_id = by_name[name.casefold()] = uuid7()
            events.append(self._ctx.event(EventKind.CLASS_CREATED, {
                "class_id": class_id, "name": name, "year_group": ""}))
        return class_id

    def _already_here(self, row: RosterRow, in_class: dict[tuple[str, str], str],
                      by_source: dict[str, str]) -> bool:
        if row.student_id:
            return (row.student_id in by_source
                    or self._ctx.reader.student(row.student_id) is not None)
        return (row.first_name.casefold(), row.last_name.casefold()) in in_class

    def _student_added(self, class_id: str, student: Student, sourced_id: str = "") -> Event:
        payload: dict[str, object] = {
            "student_id": student.id, "class_id": class_id, "first_name": student.first_name,
            "last_name": student.last_name, "avatar": student.avatar}
        if sourced_id:
            payload["sourced_id"] = sourced_id
        return self._ctx.event(EventKind.STUDENT_ADDED, payload)

    def _update_student(self, student_id: str, **fields: object) -> Changes:
        if self._ctx.reader.student(student_id) is None:
            raise invalid("roster.student_gone")
        self._ctx.record([self._ctx.event(EventKind.STUDENT_UPDATED,
                                          {"student_id": student_id, "fields": fields})])
        return _roster_changes(student_id)

    def _update_class(self, class_id: str, **fields: object) -> Changes:
        self._ctx.record([self._ctx.event(EventKind.CLASS_UPDATED,
                                          {"class_id": class_id, "fields": fields})])
        return _roster_changes()


def _roster_changes(*student_ids: str) -> Changes:
    """What any roster write changes: a pulled page cannot tell a class's change from a
    student's either (one roster flag), and both must look the same to the screens."""
    return Changes(students=frozenset(student_ids), classes=True, roster=True)


def _clean(value: str, field: str, required: bool = True) -> str:
    """``value`` with its spaces tidied; ``field`` is "class", "first" or "last" (name)."""
    value = " ".join(value.split())
    if required and not value:
        raise invalid(f"name.{field}_empty")
    limit = MAX_CLASS_NAME if field == "class" else MAX_PERSON_NAME
    if len(value) > limit:
        raise invalid(f"name.{field}_too_long", max=limit)
    return value


def _drawn_avatar_for(student_id: str) -> str:
    return f"drawn:{int(student_id.replace('-', '')[-6:], 16) % 24}"

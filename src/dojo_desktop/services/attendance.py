"""The register: each child's attendance for a school day, marked by a teacher or a TA.

Attendance is a record kind of the protocol's registry (``attendance_marked``, one record
per child and date, the newest mark wins), so it is stored, synced and repainted by the
generic record path: this service is all the app needs of its own.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from dojo_desktop.services.context import ServiceContext
from dojo_desktop.services.settings import SettingsService
from dojo_desktop.services.views import Changes

KIND = "attendance_marked"


class Attendance(StrEnum):
    """How a child is marked for the day."""

    PRESENT = "present"
    ABSENT = "absent"
    LATE = "late"
    LEFT_EARLY = "left_early"


# A child who is in school for at least part of the day.
IN_SCHOOL = frozenset({Attendance.PRESENT, Attendance.LATE, Attendance.LEFT_EARLY})


class AttendanceService:
    """Marks and reads the register of a class for a day (today, in school time, unless
    another day is named)."""

    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx, self._settings = ctx, settings

    def today(self) -> date:
        """The school's date now, in its timezone."""
        zone = ZoneInfo(self._settings.timezone())
        return datetime.fromtimestamp(self._ctx.now_ms() / 1000, tz=zone).date()

    def mark(self, class_id: str, marks: dict[str, Attendance],
             day: date | None = None) -> Changes:
        """Mark each student in ``marks`` (student id -> attendance), in one transaction."""
        if not marks:
            return Changes()
        iso = (day or self.today()).isoformat()
        now = self._ctx.now_ms()
        self._ctx.record([self._ctx.event(KIND, {
            "student_id": student_id, "class_id": class_id, "date": iso,
            "status": Attendance(status).value, "at_ms": now})
            for student_id, status in marks.items()])
        return Changes(records=frozenset({KIND}))

    def register(self, class_id: str, day: date | None = None) -> dict[str, Attendance]:
        """The marks of the class's students for the day; students not marked are left out."""
        iso = (day or self.today()).isoformat()
        return {p["student_id"]: Attendance(p["status"])
                for p in self._ctx.reader.records(KIND, class_id, {"date": iso})}

    def absent(self, class_id: str, day: date | None = None) -> set[str]:
        """Students marked absent for the day (none if the register was not taken)."""
        return {student_id for student_id, mark in self.register(class_id, day).items()
                if mark not in IN_SCHOOL}

    @staticmethod
    def concerns(changes: Changes) -> bool:
        """True if ``changes`` holds marks (made here or pulled from another device)."""
        return KIND in changes.records

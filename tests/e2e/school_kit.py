"""A live school server and paired app instances, for end-to-end tests."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))

from PySide6.QtWidgets import QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot
from server_kit import LiveServer
from sqlalchemy import func, select

from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.ui.class_story import ClassStoryDialog
from dojo_desktop.ui.pin_dialog import PinDialog
from dojo_server.db.read_models import AwardUndoView, AwardView
from dojo_server.domain import enrollment, schools


def school_day_clock(zone: str = "Europe/London") -> Callable[[], int]:
    """A clock running from the last weekday's 10:00 in ``zone``: messages written on it
    are inside every teacher's default hours, whenever the test runs."""
    now = datetime.now(ZoneInfo(zone))
    day = now if now.hour >= 10 else now - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    target = day.replace(hour=10, minute=0, second=0, microsecond=0)
    offset_ms = int((target - now).total_seconds() * 1000)
    return lambda: time.time_ns() // 1_000_000 + offset_ms


def lifetime_points(device: Classroom, student_ids: list[str]) -> dict[str, int]:
    """Each child's points in every class the device holds, undone awards left out."""
    return {s: sum(h.award.points for h in device.awards.history(s, limit=10_000)
                   if not h.undone) for s in student_ids}


def named(parent: QWidget, cls: type[Any], name: str) -> Any:
    """The one ``cls`` inside ``parent`` with this accessible name."""
    [found] = [w for w in parent.findChildren(cls) if w.accessibleName() == name]
    return found


def post_story(qtbot: QtBot, classroom: Classroom, class_id: str, text: str
               ) -> tuple[ClassStoryDialog, PinDialog]:
    """Types ``text`` in the class story dialog and presses Post: the dialog, and the PIN
    dialog it asks for the teacher's PIN with."""
    story = ClassStoryDialog(classroom, class_id)
    qtbot.addWidget(story)
    story.show()
    qtbot.keyClicks(named(story, QPlainTextEdit, "Post text"), text)
    story.post_button.click()
    pin = story.findChild(PinDialog)
    assert pin is not None
    return story, pin


class School:
    """A live server with one school; ``device(role)`` opens and pairs an app instance."""

    def __init__(self, server: LiveServer, root: Path) -> None:
        self.server = server
        self.root = root
        self.school_id = schools.create_school(server.db, "Hillside Primary", "Europe/London")
        self.devices: list[Classroom] = []

    @property
    def url(self) -> str:
        return self.server.url

    def code(self, role: str = "teacher", class_id: str | None = None) -> str:
        return enrollment.create_code(self.server.db, self.school_id, role, class_id)

    def device(self, name: str, role: str = "teacher", class_id: str | None = None,
               now_ms: Callable[[], int] | None = None) -> Classroom:
        """An app instance paired for the whole school, or for ``class_id`` alone; with
        ``now_ms``, on that clock."""
        classroom = (open_classroom(self.root / name) if now_ms is None
                     else open_classroom(self.root / name, now_ms=now_ms))
        classroom.sync.pair(self.url, self.code(role, class_id), device_name=name)
        self.devices.append(classroom)
        return classroom

    def server_totals(self, student_ids: list[str]) -> dict[str, int]:
        """Each child's points in the server's read tables, undone awards left out."""
        with self.server.db.read() as session:
            undone = select(AwardUndoView.award_id)
            return {s: session.scalar(select(func.coalesce(func.sum(AwardView.points), 0))
                                      .where(AwardView.student_id == s,
                                             AwardView.id.not_in(undone))) or 0
                    for s in student_ids}

    def close(self) -> None:
        for classroom in self.devices:
            classroom.close()

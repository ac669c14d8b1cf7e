"""The new school year pulled by a board: last year's class leaves the class list, the
children (same ids) are in this year's class with their history, family and story, and the
board offers the new class once, by a question a screen reader names."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dojo_desktop.core.events import received_event
from dojo_desktop.core.ids import uuid7
from dojo_desktop.core.stories import StoryState
from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.sync.sync_store import RemoteEvent
from dojo_desktop.ui.main_window import MainWindow
from dojo_protocol.hlc import pack_hlc

SERVER = "rollover-school"
CATALOGUES = Path(__file__).resolve().parents[2] / "resources" / "translations"


class Rollover:
    """A year-3 class with two children, one with a family and a story, and then the
    server's rollover events, pulled as a page."""

    def __init__(self, room: Classroom) -> None:
        self.room = room
        group, _ = room.roster.create_class("Year 3 Oak", "Year 3")
        self.old = group.id
        self.children = [room.roster.add_student(group.id, name)[0].id
                         for name in ("Ada", "Ben")]
        skill = room.skills.list()[0]
        room.awards.give(group.id, self.children, skill.id)
        story = room.stories.submit_student_item(self.children[0], group.id,
                                                 "Ada read a whole chapter aloud.")
        room.stories.approve(story.story_id)
        self.new = str(uuid7())
        self._seq = 0
        self._pull([("guardian_linked", {"guardian_id": str(uuid7()),
                                          "student_id": self.children[0], "name": "Mrs Ade",
                                          "at_ms": 1})])

    def apply(self) -> Any:
        events: list[tuple[str, dict[str, Any]]] = [
            ("class_created", {"class_id": self.new, "name": "Year 4 Oak",
                               "year_group": "Year 4", "school_year": "2027-2028"})]
        events += [("student_added", {"student_id": s, "class_id": self.new,
                                      "first_name": n, "moved_from": self.old})
                   for s, n in zip(self.children, ("Ada", "Ben"), strict=True)]
        events += [("class_succeeded", {"class_id": self.old, "successor_id": self.new,
                                        "successor_name": "Year 4 Oak",
                                        "school_year": "2027-2028", "at_ms": 5})]
        return self._pull(events)

    def _pull(self, events: list[tuple[str, dict[str, Any]]]) -> Any:
        remote = []
        for kind, payload in events:
            self._seq += 1
            hlc = pack_hlc(4_000_000_000_000, self._seq, SERVER)
            remote.append(RemoteEvent(self._seq, received_event(kind, hlc, payload,
                                                                str(uuid7())), SERVER, hlc))
        page = self.room.sync.store.apply_page(remote, f"c{self._seq}", "e")
        return self.room.changes_from_sync(page)


@pytest.fixture
def room(data_dir: Path) -> Iterator[Classroom]:
    opened = open_classroom(data_dir)
    yield opened
    opened.close()


def test_the_children_take_their_history_family_and_story_to_the_new_class(
        room: Classroom) -> None:
    year = Rollover(room)
    ada = year.children[0]
    history = [h.award.points for h in room.awards.history(ada)]
    assert room.school_year.offer(year.old) is None

    changes = year.apply()

    assert changes.classes
    assert [c.name for c in room.roster.classes()] == ["Year 4 Oak"]
    assert [c.archived for c in room.roster.classes(include_archived=True)] == [True, False]
    assert [s.id for s in room.roster.students(year.new)] == year.children
    assert [h.award.points for h in room.awards.history(ada)] == history
    assert room.awards.totals(year.old)[ada] == history[0]  # last year's report keeps them
    assert [g.name for g in room.messages.guardians(ada)] == ["Mrs Ade"]
    assert [s.text for s in room.ctx.story_reader.student_items(ada, StoryState.PUBLISHED)] == [
        "Ada read a whole chapter aloud."]
    offer = room.school_year.offer(year.old)
    assert offer is not None and (offer.class_id, offer.name) == (year.new, "Year 4 Oak")
    room.school_year.answered(offer)
    assert room.school_year.offer(year.old) is None
    assert room.school_year.successor(year.old) == offer


def test_the_board_offers_this_years_class_once(qtbot: QtBot, room: Classroom) -> None:
    year = Rollover(room)
    window = MainWindow(room)
    qtbot.addWidget(window)
    window.show()
    assert window.class_id == year.old
    other, _ = room.roster.create_class("Art club")

    window.changes.publish(year.apply())

    box = window.new_class.box
    assert box is not None and box.isVisible()
    assert box.accessibleName() == "This year's class"
    assert box.text() == "Year 4 Oak is this year's class for this board. Open it?"
    buttons = {b.accessibleName(): b for b in box.buttons()}
    assert set(buttons) == {"Open Year 4 Oak", "Not now"}
    assert box.default_button() is buttons["Open Year 4 Oak"]
    # Short words on the buttons, so a board's large type fits the message box.
    assert {b.text() for b in box.buttons()} == {"Open it", "Not now"}
    window.open_class(other.id)
    buttons["Open Year 4 Oak"].click()
    qtbot.waitUntil(lambda: window.new_class.box is None)
    assert window.class_id == year.new
    assert sorted(t.student_id for t in window.grid.tiles()) == sorted(year.children)
    assert json.dumps(room.settings.preference("new_classes_offered")) == json.dumps([year.old])

    window.changes.publish(year.apply())  # pulled again, or another change: asked once
    assert window.new_class.box is None


def test_not_now_keeps_the_board_where_it_is_and_is_not_asked_again(
        qtbot: QtBot, room: Classroom) -> None:
    year = Rollover(room)
    other, _ = room.roster.create_class("Art club")
    window = MainWindow(room)
    qtbot.addWidget(window)
    window.open_class(year.old)
    window.show()
    window.changes.publish(year.apply())
    box = window.new_class.box
    assert box is not None
    shown = window.class_id
    next(b for b in box.buttons() if b.accessibleName() == "Not now").click()
    qtbot.waitUntil(lambda: window.new_class.box is None)
    assert window.class_id == shown == other.id  # the first class left in the list
    assert not window.new_class.ask_for(year.old)


def test_the_question_is_translated(qtbot: QtBot, qapp: QApplication,
                                    room: Classroom) -> None:
    year = Rollover(room)
    # This checkout's catalogue (an installed copy of the app may hold an older one).
    spanish = QTranslator(qapp)
    assert spanish.load(QLocale("es"), "dojo_desktop", "_", str(CATALOGUES))
    qapp.installTranslator(spanish)
    try:
        window = MainWindow(room)
        qtbot.addWidget(window)
        window.show()
        window.changes.publish(year.apply())
        box = window.new_class.box
        assert box is not None and box.isVisible()
        assert box.text() == ("Year 4 Oak es la clase de este curso para esta pizarra. "
                              "¿Abrirla?")
        assert {b.accessibleName() for b in box.buttons()} == {"Abrir Year 4 Oak", "Ahora no"}
    finally:
        qapp.removeTranslator(spanish)
        spanish.deleteLater()


def test_a_board_started_after_the_rollover_asks_at_once(qtbot: QtBot, room: Classroom) -> None:
    year = Rollover(room)
    room.settings.set_preference("current_class_id", year.old)  # what it showed last
    year.apply()  # pulled before the window opened (or while it was closed)
    window = MainWindow(room)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.new_class.box is not None)
    box = window.new_class.box
    assert box is not None and "Year 4 Oak" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # by keyboard: Enter opens the new class
    qtbot.waitUntil(lambda: window.new_class.box is None)
    assert window.class_id == year.new

"""Staff on a real server, two devices: Ms Rossi's own laptop (enrolled for her) sets her
PIN; on the class's board she picks her name, a wrong PIN refuses, her PIN posts, and the
family portal shows the post and a message signed "Ms Rossi"."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from portal_kit import Family, visible_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from school_kit import School, named, post_story, school_day_clock
from sqlalchemy import select

from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.services.errors import InvalidInputError
from dojo_server.db.models import EventRow, RejectedEvent
from dojo_server.domain import enrollment, invites, schools
from dojo_server.domain.staff_records import publish_school_staff


def test_a_teacher_posts_on_the_board_with_her_pin_and_families_see_her_name(
        qtbot: QtBot, school: School, sync: Callable[[Classroom], None]) -> None:
    db = school.server.db
    rossi = schools.add_staff(db, school.school_id, "Maria Rossi", "rossi@school.example",
                              "teacher", "correct horse battery", display_name="Ms Rossi")
    schools.add_staff(db, school.school_id, "Ben Okafor", "okafor@school.example", "teacher",
                      "correct horse battery")
    publish_school_staff(db, school.school_id)  # as dojo-server add-staff does

    # Her own laptop: enrolled for her, so everything it records is hers.
    clock = school_day_clock()
    laptop = open_classroom(school.root / "rossi-laptop", now_ms=clock)
    school.devices.append(laptop)
    laptop.sync.pair(school.url, enrollment.create_code(
        db, school.school_id, None, for_staff="rossi@school.example"), device_name="laptop")
    group, _ = laptop.roster.create_class("4B")
    amira, _ = laptop.roster.add_student(group.id, "Amira", "Khan")
    sync(laptop)
    assert laptop.staff.own_id() == rossi and not laptop.staff.needs_pin()
    laptop.staff.set_own_pin("2468", "2468")
    sync(laptop)

    # The class's board: a room's device, where a teacher picks her name.
    board = school.device("board", "teacher", class_id=group.id, now_ms=clock)
    sync(board)
    assert [(m.name, m.has_pin) for m in board.staff.members()] == [
        ("Ben Okafor", False), ("Ms Rossi", True)]
    board.staff.pick(rossi)
    board.awards.give(group.id, [amira.id], board.skills.list()[0].id)
    with pytest.raises(InvalidInputError):
        board.stories.post("Not without her PIN", [group.id])

    _story, pin = post_story(qtbot, board, group.id, "We planted sunflowers!")
    assert pin.who.currentText() == "Ms Rossi"
    entry = named(pin, QLineEdit, "PIN")
    qtbot.keyClicks(entry, "8642")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert named(pin, QLabel, "PIN problem").text().startswith("That PIN is not right.")
    assert board.stories.class_feed(group.id) == []  # a wrong PIN posts nothing
    for digit in "2468":
        named(pin, QPushButton, digit).click()
    named(pin, QPushButton, "OK").click()
    [posted] = board.stories.class_feed(group.id)
    assert (posted.text, posted.author_name) == ("We planted sunflowers!", "Ms Rossi")
    board.messages.send(amira.id, "Amira watered them all week.")
    sync(board)

    with db.read() as session:
        assert session.scalars(select(RejectedEvent.reason)).all() == []
        by = {row.kind: row.payload for row in session.execute(
            select(EventRow.kind, EventRow.payload).where(
                EventRow.device_id.in_([board.ctx.device_id, laptop.ctx.device_id])))}
    assert all(f'"by":"{rossi}"' in by[kind].replace(" ", "")
               for kind in ("award_given", "story_posted", "message_sent", "staff_pin_set"))

    [letter] = invites.create_invites(db, school.school_id, group.id)
    family = Family(school.url)
    try:
        assert family.join(letter.code, name="Sara Khan").status_code == 303
        page = visible_text(family.get(f"/portal/child/{amira.id}/story").text)
        assert re.search(r"Class story · Ms Rossi · [^·]+ We planted sunflowers!", page)
        threads = family.get(f"/portal/child/{amira.id}/messages").text
        [thread] = set(re.findall(rf"/portal/child/{amira.id}/messages/[0-9a-f-]{{36}}",
                                  threads))
        thread_page = visible_text(family.get(thread).text)
        assert re.search(r"Ms Rossi · [^·]+ Amira watered them all week.", thread_page)
    finally:
        family.close()


def test_a_laptop_enrolled_before_becomes_its_teachers_with_a_new_code(
        school: School, sync: Callable[[Classroom], None]) -> None:
    db = school.server.db
    laptop = school.device("old-laptop", "teacher", now_ms=school_day_clock())
    group, _ = laptop.roster.create_class("4B")
    amira, _ = laptop.roster.add_student(group.id, "Amira", "Khan")
    sync(laptop)
    rossi = schools.add_staff(db, school.school_id, "Maria Rossi", "rossi@school.example",
                              "teacher", "correct horse battery", display_name="Ms Rossi")
    publish_school_staff(db, school.school_id)
    sync(laptop)
    assert laptop.staff.is_shared() and laptop.staff.needs_pin()  # shared until re-enrolled
    laptop.awards.give(group.id, [amira.id], laptop.skills.list()[0].id)  # waits, no "by"
    device_id = laptop.ctx.device_id
    laptop.sync.pair(school.url, enrollment.create_code(
        db, school.school_id, None, for_staff="rossi@school.example"), device_name="laptop")
    assert laptop.ctx.device_id == device_id and laptop.staff.own_id() == rossi
    laptop.stories.post("Signed without a PIN on my own laptop", [group.id])
    sync(laptop)
    assert laptop.sync.counts().waiting == laptop.sync.counts().rejected == 0
    with db.read() as session:
        assert session.scalars(select(RejectedEvent.reason)).all() == []
    assert laptop.stories.class_feed(group.id)[0].author_name == "Ms Rossi"

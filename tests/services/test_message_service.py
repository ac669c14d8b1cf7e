"""Messages: quiet hours, announcements, read receipts from families, unread counts, staff
receipts, the teacher's own hours and the positive note."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from service_helpers import FakeClock, School, db_rows

from dojo_desktop.core.events import Event, EventKind
from dojo_desktop.core.hlc import Hlc
from dojo_desktop.core.ids import uuid7
from dojo_desktop.core.messages import class_thread_id, student_thread_id
from dojo_desktop.core.quiet_hours import WorkingHours
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError
from dojo_desktop.services.settings import STAFF_ROLE
from dojo_desktop.sync.sync_store import RemoteEvent
from dojo_protocol.events import validate_payload


def from_server(room: Classroom, kind: EventKind, payload: dict[str, object]) -> None:
    """What the family portal writes, arriving as a pulled event."""
    event = Event(kind, Hlc(room.ctx.now_ms(), 0, "server"), payload)
    room.sync.store.apply_page([RemoteEvent(1, event, "server")], "c", "e")


def link(room: Classroom, student_id: str, name: str) -> str:
    guardian_id = uuid7()
    from_server(room, EventKind.GUARDIAN_LINKED, {"guardian_id": guardian_id,
                                                  "student_id": student_id, "name": name,
                                                  "at_ms": 1})
    return guardian_id


def sent_payloads(data_dir: Path) -> list[dict[str, object]]:
    return [json.loads(p) for (p,) in db_rows(
        data_dir, "SELECT payload FROM outbox WHERE kind = 'message_sent' ORDER BY seq")]


def test_a_message_in_working_hours_goes_at_once(school: School, data_dir: Path) -> None:
    result = school.room.messages.send(school.student_ids[0], "Amira read beautifully today")
    assert result.arrives_at_ms is None and result.changes.messages
    [payload] = sent_payloads(data_dir)
    assert validate_payload("message_sent", payload) is None
    assert payload["thread_id"] == student_thread_id(school.student_ids[0])
    assert payload["send_after_ms"] is None


def test_a_friday_evening_message_arrives_monday_morning_unless_urgent(
        school: School, clock: FakeClock, data_dir: Path) -> None:
    clock.set(dt.datetime(2026, 1, 16, 19, 45))  # Friday evening
    messages = school.room.messages
    result = messages.send(school.student_ids[0], "Great week!")
    assert result.arrives_at_ms is not None
    arrives = messages.local_time(result.arrives_at_ms)
    assert (arrives.strftime("%A"), arrives.hour, arrives.minute) == ("Monday", 7, 30)
    assert sent_payloads(data_dir)[0]["send_after_ms"] == result.arrives_at_ms
    urgent = messages.send(school.student_ids[0], "Coat left at school", urgent=True)
    assert urgent.arrives_at_ms is None
    assert sent_payloads(data_dir)[1]["urgent"] is True


def test_teachers_choose_their_own_hours_inside_the_schools(school: School,
                                                            clock: FakeClock) -> None:
    messages = school.room.messages
    messages.set_my_hours(WorkingHours(dt.time(8, 0), dt.time(15, 0)))
    clock.set(dt.datetime(2026, 1, 14, 16, 0))  # Wednesday, after the teacher's hours
    at = messages.send_after_ms()
    assert at is not None and messages.local_time(at).strftime("%a %H:%M") == "Thu 08:00"
    with pytest.raises(InvalidInputError, match="outside the school's"):
        messages.set_my_hours(WorkingHours(dt.time(19, 0), dt.time(22, 0)))
    with pytest.raises(InvalidInputError, match="school leader"):
        messages.set_school_hours(WorkingHours(dt.time(9, 0), dt.time(17, 0)))
    school.room.settings.set_preference(STAFF_ROLE, "leader")
    messages.set_school_hours(WorkingHours(dt.time(9, 0), dt.time(17, 0)))
    assert messages.my_hours() == WorkingHours(dt.time(9, 0), dt.time(15, 0))


def test_receipts_say_how_many_guardians_read_a_message(school: School) -> None:
    room, amira = school.room, school.student_ids[0]
    mum, dad = link(room, amira, "Sara Khan"), link(room, amira, "Omar Khan")
    message_id = room.messages.send(amira, "Reading record is in the bag").message_id
    from_server(room, EventKind.MESSAGE_READ, {"message_id": message_id, "reader": "guardian",
                                               "guardian_id": dad, "at_ms": 2})
    [message] = room.messages.student_messages(amira)
    assert (message.read_by, message.readers_possible) == (1, 2)
    assert message.waiting_to_send
    assert {g.name for g in room.messages.guardians(amira)} == {"Sara Khan", "Omar Khan"}
    assert mum


def test_family_replies_are_unread_until_the_teacher_opens_the_thread(
        school: School, data_dir: Path) -> None:
    room, ben = school.room, school.student_ids[1]
    guardian = link(room, ben, "Ada Okafor")
    thread_id = student_thread_id(ben)
    for body in ("Thanks!", "See you Monday"):
        from_server(room, EventKind.MESSAGE_SENT, {
            "message_id": uuid7(), "thread_id": thread_id, "student_id": ben, "body": body,
            "sender": "guardian", "guardian_id": guardian, "sender_name": "Ada", "at_ms": 3})
    assert room.messages.unread_total(school.class_id) == 2
    summary = next(t for t in room.messages.threads(school.class_id) if t.student_id == ben)
    assert (summary.unread, summary.guardians, summary.title) == (2, 1, "Ben Okafor")
    assert room.messages.mark_read(ben).messages
    assert room.messages.unread_total(school.class_id) == 0
    receipts = db_rows(data_dir, "SELECT payload FROM outbox WHERE kind = 'message_read'")
    assert len(receipts) == 2
    assert all(validate_payload("message_read", json.loads(r[0])) is None for r in receipts)
    assert not room.messages.mark_read(ben).messages  # nothing left to mark


def test_an_announcement_goes_to_every_family_of_the_class(school: School) -> None:
    room = school.room
    link(room, school.student_ids[0], "Sara Khan")
    link(room, school.student_ids[2], "Jan Nowak")
    room.messages.announce(school.class_id, "Trip on Friday: bring a packed lunch")
    announcement, *students = room.messages.threads(school.class_id)
    assert announcement.thread_id == class_thread_id(school.class_id)
    assert (announcement.class_id, announcement.guardians) == (school.class_id, 2)
    assert announcement.last_body.startswith("Trip on Friday")
    assert len(students) == 4
    [message] = room.messages.class_announcements(school.class_id)
    assert (message.read_by, message.readers_possible) == (0, 2)


def test_the_positive_note_shows_recent_good_things_only(school: School,
                                                         clock: FakeClock) -> None:
    room, chloe = school.room, school.student_ids[2]
    room.awards.give(school.class_id, [chloe], school.positive.id)  # 14 Jan
    clock.set(dt.datetime(2026, 2, 2, 10, 0))
    kept = room.awards.give(school.class_id, [chloe], school.positive.id)
    room.awards.give(school.class_id, [chloe], school.needs_work.id)
    undone = room.awards.give(school.class_id, [chloe], school.positive.id)
    room.awards.undo(list(undone.award_ids))
    item = room.stories.submit_student_item(chloe, school.class_id, "My poem").story_id
    room.stories.submit_student_item(chloe, school.class_id, "Not yet approved")
    room.stories.approve(item)
    note = room.messages.positive_note(chloe)
    assert [entry.award.id for entry in note.awards] == list(kept.award_ids)
    assert [story.id for story in note.items] == [item]
    assert room.messages.positive_note(school.student_ids[3]).empty


def test_an_empty_or_overlong_message_is_refused(school: School) -> None:
    with pytest.raises(InvalidInputError, match="Write a message"):
        school.room.messages.send(school.student_ids[0], "  ")
    with pytest.raises(InvalidInputError, match="at most 5000"):
        school.room.messages.send(school.student_ids[0], "x" * 5001)


def test_a_conversation_the_family_started_is_the_students_and_replies_continue_it(
        school: School, data_dir: Path) -> None:
    room, dev = school.room, school.student_ids[3]
    guardian, their_thread = link(room, dev, "Raj Patel"), uuid7()
    from_server(room, EventKind.MESSAGE_SENT, {
        "message_id": uuid7(), "thread_id": their_thread, "student_id": dev,
        "body": "Dev has a dentist appointment on Tuesday", "sender": "guardian",
        "guardian_id": guardian, "sender_name": "Raj Patel", "at_ms": 3})
    summary = next(t for t in room.messages.threads(school.class_id) if t.student_id == dev)
    assert (summary.thread_id, summary.unread) == (their_thread, 1)
    room.messages.send(dev, "Thanks for letting me know")
    assert [m.body for m in room.messages.student_messages(dev)] == [
        "Dev has a dentist appointment on Tuesday", "Thanks for letting me know"]
    assert sent_payloads(data_dir)[-1]["thread_id"] == their_thread
    room.messages.mark_read(dev)
    assert room.messages.unread_total(school.class_id) == 0


def test_a_teaching_assistants_computer_cannot_message_families(school: School,
                                                                data_dir: Path) -> None:
    school.room.settings.set_preference(STAFF_ROLE, "ta")
    assert not school.room.messages.may_message_families()
    with pytest.raises(InvalidInputError, match="teaching assistant"):
        school.room.messages.send(school.student_ids[0], "Hello")
    with pytest.raises(InvalidInputError, match="teaching assistant"):
        school.room.messages.announce(school.class_id, "Hello")
    assert sent_payloads(data_dir) == []


def test_a_message_the_server_refused_says_so(school: School) -> None:
    room, amira = school.room, school.student_ids[0]
    room.messages.send(amira, "Hello")
    [waiting] = room.messages.student_messages(amira)
    assert waiting.waiting_to_send and not waiting.refused
    store = room.sync.store
    store.acknowledge([(item.seq, "rejected", "not allowed") for item in store.pending(100)
                       if item.kind == "message_sent"])
    [refused] = room.messages.student_messages(amira)
    assert refused.refused and not refused.waiting_to_send

"""Staff on a device: a personal device's events are its person's; on a shared board a
name is picked without a PIN for awards, and a post, message or approval asks for the
PIN, which is checked offline, limited, and forgotten after a while."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from service_helpers import FakeClock, School, db_rows

from dojo_desktop.core.events import Event
from dojo_desktop.core.hlc import Hlc
from dojo_desktop.core.ids import uuid7
from dojo_desktop.core.teaching import LOCKED_MS, MAX_ATTEMPTS
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError
from dojo_desktop.services.settings import STAFF_ID, STAFF_NAME
from dojo_desktop.sync.sync_store import RemoteEvent
from dojo_protocol.pins import PIN_MEMORY_KIB, PIN_PARALLELISM, PIN_TIME_COST

ROSSI, OKAFOR, TAYLOR = uuid7(), uuid7(), uuid7()
HASHER = PasswordHasher(time_cost=PIN_TIME_COST, memory_cost=PIN_MEMORY_KIB,
                        parallelism=PIN_PARALLELISM)


def from_server(room: Classroom, kind: str, payload: dict[str, object]) -> None:
    event = Event(kind, Hlc(room.ctx.now_ms(), 0, "server"), payload)
    room.sync.store.apply_page([RemoteEvent(1, event, "server")], "c", "e")


def staff_arrive(room: Classroom) -> None:
    """The school's staff, as the server writes them, with Ms Rossi's PIN 2468."""
    for staff_id, name, role in ((ROSSI, "Ms Rossi", "teacher"),
                                 (OKAFOR, "Mr Okafor", "teacher"), (TAYLOR, "Sam Taylor", "ta")):
        from_server(room, "staff_member", {"staff_id": staff_id, "name": name, "role": role,
                                           "at_ms": 1})
    from_server(room, "staff_pin_set", {"staff_id": ROSSI, "verifier": HASHER.hash("2468"),
                                        "at_ms": 1})
    from_server(room, "staff_pin_set", {"staff_id": TAYLOR, "verifier": HASHER.hash("1357"),
                                        "at_ms": 1})


def sent(data_dir: Path, kind: str) -> list[dict[str, object]]:
    return [json.loads(p) for (p,) in db_rows(
        data_dir, "SELECT payload FROM outbox WHERE kind = ? ORDER BY seq", (kind,))]


def award(school: School) -> None:
    school.room.awards.give(school.class_id, school.student_ids[:1], school.positive.id)


@pytest.fixture
def board(school: School) -> School:
    staff_arrive(school.room)
    return school


def test_the_staff_are_listed_by_name_with_whether_they_have_a_pin(board: School) -> None:
    members = board.room.staff.members()
    assert [(m.name, m.role, m.has_pin) for m in members] == [
        ("Mr Okafor", "teacher", False), ("Ms Rossi", "teacher", True),
        ("Sam Taylor", "ta", True)]
    assert board.room.staff.is_shared()


def test_a_picked_name_needs_no_pin_for_awards_and_they_carry_it(
        board: School, data_dir: Path) -> None:
    award(board)
    board.room.staff.pick(ROSSI)
    award(board)
    assert [p.get("by") for p in sent(data_dir, "award_given")] == [None, ROSSI]
    assert board.room.staff.current() is not None
    with pytest.raises(InvalidInputError):
        board.room.staff.pick(uuid7())  # no one of this school


def test_a_post_on_a_board_asks_for_the_pin_then_is_signed_as_families_see_it(
        board: School, data_dir: Path) -> None:
    staff, stories = board.room.staff, board.room.stories
    staff.pick(ROSSI)
    assert staff.needs_pin()
    with pytest.raises(InvalidInputError) as refused:
        stories.post("Our trip!", [board.class_id])
    assert refused.value.message is not None and refused.value.message.id == "staff.pin_needed"
    assert sent(data_dir, "story_posted") == []

    wrong = staff.check_pin(ROSSI, "1111")
    assert not wrong.ok and wrong.tries_left == MAX_ATTEMPTS - 1
    assert staff.check_pin(ROSSI, "2468").ok
    assert not staff.needs_pin()
    stories.post("Our trip!", [board.class_id])
    (post,) = sent(data_dir, "story_posted")
    assert (post["author_name"], post["by"]) == ("Ms Rossi", ROSSI)


def test_wrong_pins_are_limited_then_the_name_waits(board: School, clock: FakeClock) -> None:
    staff = board.room.staff
    results = [staff.check_pin(ROSSI, "0000") for _ in range(MAX_ATTEMPTS)]
    assert [r.tries_left for r in results] == [4, 3, 2, 1, 0]
    assert results[-1].wait_s == LOCKED_MS // 1000
    waiting = staff.check_pin(ROSSI, "2468")  # even the right PIN waits
    assert not waiting.ok and waiting.wait_s == LOCKED_MS // 1000
    assert staff.check_pin(OKAFOR, "2468").no_pin  # another name is not held up
    clock.advance(milliseconds=LOCKED_MS + 1)
    assert staff.check_pin(ROSSI, "2468").ok


def test_a_pin_holds_for_five_idle_minutes_and_a_name_for_two_hours_or_the_day(
        board: School, clock: FakeClock) -> None:
    staff, stories = board.room.staff, board.room.stories
    assert staff.check_pin(ROSSI, "2468").ok
    clock.advance(minutes=4)
    stories.post("One", [board.class_id])
    clock.advance(minutes=4)  # four minutes after the last act: still holds
    stories.post("Two", [board.class_id])
    clock.advance(minutes=6)
    assert staff.needs_pin()
    with pytest.raises(InvalidInputError):
        stories.post("Three", [board.class_id])
    current = staff.current()
    assert current is not None and current.name == "Ms Rossi"  # the name is still picked
    clock.advance(hours=1, minutes=50)
    award(board)  # a tap keeps the name
    clock.advance(hours=1, minutes=50)
    assert staff.current() is not None
    clock.advance(hours=2, minutes=1)
    assert staff.current() is None  # two hours without a tap


def test_a_name_is_forgotten_when_the_school_day_changes(board: School,
                                                         clock: FakeClock) -> None:
    clock.set(datetime(2026, 1, 14, 23, 30))
    board.room.staff.pick(ROSSI)
    clock.set(datetime(2026, 1, 15, 0, 10))  # forty minutes later, the next day
    assert board.room.staff.current() is None


def test_approving_a_childs_post_on_a_board_needs_the_pin_but_the_child_does_not(
        board: School, data_dir: Path) -> None:
    stories, staff = board.room.stories, board.room.staff
    item = stories.submit_student_item(board.student_ids[0], board.class_id, "My drawing")
    with pytest.raises(InvalidInputError):
        stories.approve(item.story_id)
    assert staff.check_pin(ROSSI, "2468").ok
    stories.approve(item.story_id)
    assert sent(data_dir, "story_updated")[0]["by"] == ROSSI


def test_a_ta_who_picked_their_name_on_a_board_cannot_message_families(
        board: School) -> None:
    messages, staff = board.room.messages, board.room.staff
    assert messages.may_message_families()
    assert staff.check_pin(TAYLOR, "1357").ok
    assert not messages.may_message_families()
    with pytest.raises(InvalidInputError):
        messages.send(board.student_ids[0], "Hello")


def test_a_message_on_a_board_is_signed_by_whoever_typed_their_pin(
        board: School, data_dir: Path) -> None:
    staff, messages = board.room.staff, board.room.messages
    staff.pick(OKAFOR)  # picked, then Ms Rossi types her PIN: she is teaching now
    assert staff.check_pin(ROSSI, "2468").ok
    messages.send(board.student_ids[0], "Well done today")
    (message,) = sent(data_dir, "message_sent")
    assert (message["sender_name"], message["by"]) == ("Ms Rossi", ROSSI)


def test_a_personal_device_is_its_persons_without_a_pin_and_sets_their_pin(
        board: School, data_dir: Path) -> None:
    room = board.room
    room.settings.set_preference(STAFF_ID, ROSSI)
    assert not room.staff.is_shared() and not room.staff.needs_pin()
    award(board)
    room.stories.post("From my laptop", [board.class_id])
    assert sent(data_dir, "award_given")[0]["by"] == ROSSI
    assert sent(data_dir, "story_posted")[0]["author_name"] == "Ms Rossi"

    with pytest.raises(InvalidInputError):
        room.staff.set_own_pin("12", "12")
    with pytest.raises(InvalidInputError):
        room.staff.set_own_pin("1234", "4321")
    room.staff.set_own_pin("8642", "8642")
    (pin,) = sent(data_dir, "staff_pin_set")
    assert pin["staff_id"] == ROSSI and "8642" not in json.dumps(pin)
    assert HASHER.verify(str(pin["verifier"]), "8642")
    assert room.staff.check_pin(ROSSI, "8642").ok  # the newest verifier wins


def test_a_pin_is_set_only_on_ones_own_device(board: School) -> None:
    with pytest.raises(InvalidInputError):
        board.room.staff.set_own_pin("1234", "1234")


def test_a_device_that_knows_no_staff_signs_by_hand_and_names_no_one(
        school: School, data_dir: Path) -> None:
    room = school.room
    room.settings.set_preference(STAFF_NAME, "Mrs Jones")
    assert not room.staff.needs_pin()
    room.stories.post("Before pairing", [school.class_id])
    (post,) = sent(data_dir, "story_posted")
    assert post["author_name"] == "Mrs Jones" and "by" not in post


def test_a_class_s_own_teachers_are_known_from_the_school_s_records(board: School) -> None:
    room = board.room
    assert room.staff.teachers_of(board.class_id) == set()
    for logical, (staff_id, removed) in enumerate(
            ((OKAFOR, False), (TAYLOR, False), (TAYLOR, True))):
        event = Event("class_teacher_assigned", Hlc(room.ctx.now_ms(), logical, "server"), {
            "class_id": board.class_id, "staff_id": staff_id, "name": "x",
            "removed": removed, "at_ms": 1})
        room.sync.store.apply_page([RemoteEvent(1, event, "server")], "c", "e")
    assert room.staff.teachers_of(board.class_id) == {OKAFOR}
    assert room.staff.teachers_of(None) == set()

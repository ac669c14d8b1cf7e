"""Pull for a device enrolled for one class: its class's events and the school's."""

from __future__ import annotations

import time
from typing import Any

import pytest
from server_kit import (
    CLASS_ID,
    OTHER_CLASS_ID,
    SKILL_ID,
    Device,
    Harness,
    new_uuid,
    pull_in_thread,
)
from sqlalchemy import event as sa_event
from sqlalchemy import select

from dojo_protocol.audience import event_class
from dojo_protocol.cursor import decode_cursor
from dojo_protocol.models import PushRequest, WireEvent
from dojo_server.db.models import EventRow
from dojo_server.domain.auth import DeviceIdentity
from dojo_server.sync.push import push


def _school_skill(device: Device) -> dict[str, Any]:
    return device.event("skill_saved", {
        "skill_id": SKILL_ID, "name": "Kindness", "icon": "heart", "polarity": "positive",
        "points": 1, "class_id": None})


def _ids(changes: list[dict[str, Any]]) -> list[str]:
    return [c["event_id"] for c in changes]



def test_a_class_device_pulls_its_class_and_the_school_in_order(harness: Harness) -> None:
    office = harness.enroll("leader")
    board = harness.enroll(class_id=CLASS_ID)
    mine, theirs, school = [], [], []
    events = []
    for index in range(12):  # interleaved, so pages must merge the two audiences
        if index % 3 == 0:
            event = office.award(class_id=OTHER_CLASS_ID)
            theirs.append(event)
        elif index % 3 == 1:
            event = office.award(class_id=CLASS_ID)
            mine.append(event)
        else:
            event = _school_skill(office)
            school.append(event)
        events.append(event)
    assert office.push(events).status_code == 200

    pages, cursor = [], ""
    while True:
        body = board.pull(cursor, limit=3).json()
        pages.append(body["changes"])
        cursor = body["next_cursor"]
        if not body["has_more"]:
            break
    pulled = [change for page in pages for change in page]
    expected = [e["event_id"] for e in events if e not in theirs]
    assert _ids(pulled) == expected
    assert [c["server_seq"] for c in pulled] == sorted(c["server_seq"] for c in pulled)
    assert all(len(page) <= 3 for page in pages)
    # Having read everything it may, its cursor stands at the school's newest event.
    assert decode_cursor(cursor).seq == len(events)
    assert board.pull(cursor).json()["changes"] == []
    # The school's device gets everything, its own included.
    assert _ids(office.pull_all()) == [e["event_id"] for e in events]


def test_a_cursor_past_other_classes_events_does_not_read_them_again(harness: Harness) -> None:
    office = harness.enroll("leader")
    board = harness.enroll(class_id=CLASS_ID)
    office.push([office.award(class_id=CLASS_ID)])
    cursor = board.pull().json()["next_cursor"]
    office.push([office.award(class_id=OTHER_CLASS_ID) for _ in range(5)])
    body = board.pull(cursor).json()
    assert body["changes"] == [] and body["has_more"] is False
    assert decode_cursor(body["next_cursor"]).seq == 6
    office.push([office.award(class_id=CLASS_ID)])
    changes = board.pull(body["next_cursor"]).json()["changes"]
    assert [c["server_seq"] for c in changes] == [7]


def test_another_class_does_not_wake_a_class_long_poll(harness: Harness) -> None:
    office = harness.enroll("leader")
    board = harness.enroll(class_id=CLASS_ID)
    cursor = board.pull().json()["next_cursor"]
    thread, out = pull_in_thread(board, cursor, wait=1.5)
    time.sleep(0.3)
    assert office.push([office.award(class_id=OTHER_CLASS_ID)]).status_code == 200
    thread.join(5)
    assert out["body"]["changes"] == []
    assert out["done"] - out["began"] > 1.5 * 0.75 - 0.05  # it waited out its time


def test_its_class_and_the_school_wake_a_class_long_poll(harness: Harness) -> None:
    office = harness.enroll("leader")
    board = harness.enroll(class_id=CLASS_ID)
    other_board = harness.enroll(class_id=OTHER_CLASS_ID)
    cursor = board.pull().json()["next_cursor"]
    for event in (office.award(class_id=CLASS_ID), _school_skill(office)):
        thread, out = pull_in_thread(board, cursor, wait=10)
        other, other_out = pull_in_thread(other_board, cursor, wait=1.5)
        time.sleep(0.3)
        assert office.push([event]).status_code == 200
        pushed = time.monotonic()
        thread.join(5)
        other.join(5)
        assert _ids(out["body"]["changes"]) == [event["event_id"]]
        assert out["done"] - pushed < 0.5
        school_wide = event["kind"] == "skill_saved"
        assert _ids(other_out["body"]["changes"]) == ([event["event_id"]] if school_wide
                                                      else [])
        cursor = out["body"]["next_cursor"]


def _push_elsewhere(harness: Harness, device: Device, role: str, event: dict[str, Any],
                    class_id: str | None = None) -> None:
    """``event`` pushed as another server process sharing the database would: stored,
    and this process's notifier not told."""
    identity = DeviceIdentity(device.device_id, device.school_id, role, class_id)
    request = PushRequest(protocol_version=1, schema_version="x", batch_id=new_uuid(),
                          device_id=device.device_id, events=[WireEvent.model_validate(event)])
    push(harness.db, identity, request, None)


def test_other_processes_writes_wake_only_the_class_they_concern(harness: Harness) -> None:
    """Writes that bypass this process's notifier are sorted out by the shared check."""
    office = harness.enroll("leader")
    board = harness.enroll(class_id=CLASS_ID)
    other_board = harness.enroll(class_id=OTHER_CLASS_ID)
    cursor = board.pull().json()["next_cursor"]
    thread, out = pull_in_thread(board, cursor, wait=10)
    other, other_out = pull_in_thread(other_board, cursor, wait=2)
    time.sleep(0.5)
    event = office.award(class_id=CLASS_ID)
    _push_elsewhere(harness, office, "leader", event)
    pushed = time.monotonic()
    thread.join(5)
    other.join(5)
    assert _ids(out["body"]["changes"]) == [event["event_id"]]
    assert out["done"] - pushed < harness.server.settings.poll_interval_s + 0.3
    assert other_out["body"]["changes"] == []


def test_each_stored_event_records_the_class_it_is_about(harness: Harness) -> None:
    office = harness.enroll("leader")
    events = [office.award(class_id=CLASS_ID), _school_skill(office),
              office.event("message_sent", {
                  "message_id": new_uuid(), "thread_id": new_uuid(), "class_id": CLASS_ID,
                  "body": "Trip on Friday", "at_ms": 1}),
              office.event("story_posted", {
                  "story_id": new_uuid(), "scope": "class",
                  "class_ids": [CLASS_ID, OTHER_CLASS_ID], "text": "Both classes",
                  "state": "published", "at_ms": 1})]
    answer = office.push(events).json()
    assert [r["status"] for r in answer["results"]] == ["applied"] * 4
    with harness.db.read_rows() as conn:
        stored = dict(conn.execute(select(EventRow.event_id, EventRow.class_id)).all())
    assert [stored[e["event_id"]] for e in events] == [CLASS_ID, None, CLASS_ID, None]


def test_the_audience_of_each_kind() -> None:
    assert event_class("award_given", {"class_id": CLASS_ID}) == CLASS_ID
    assert event_class("skill_saved", {"class_id": None}) is None
    assert event_class("award_undone", {"award_ids": [new_uuid()]}) is None
    assert event_class("story_posted", {"scope": "class", "class_id": CLASS_ID}) == CLASS_ID
    assert event_class("story_posted", {"scope": "school"}) is None
    assert event_class("story_posted", {"scope": "student", "class_id": CLASS_ID,
                                        "student_id": new_uuid()}) is None
    assert event_class("message_sent", {"class_id": CLASS_ID}) == CLASS_ID
    assert event_class("message_sent", {"student_id": new_uuid(),
                                        "class_id": CLASS_ID}) is None
    assert event_class("guardian_linked", {"student_id": new_uuid()}) is None


@pytest.mark.parametrize("elsewhere", [False, True], ids=["this-process", "another-process"])
def test_a_devices_own_push_does_not_end_its_long_poll(harness: Harness,
                                                       elsewhere: bool) -> None:
    """Nor does one found by the shared check, which names who wrote the news: pushed
    through another server process (or found before its push's own notice). Someone
    else's award ends it either way."""
    board = harness.enroll(class_id=CLASS_ID)
    laptop = harness.enroll("ta", class_id=CLASS_ID)
    interval = harness.server.settings.poll_interval_s

    def send(device: Device, role: str, event: dict[str, Any]) -> None:
        if elsewhere:
            _push_elsewhere(harness, device, role, event, CLASS_ID)
        else:
            assert device.push([event]).status_code == 200

    cursor = board.pull().json()["next_cursor"]
    thread, out = pull_in_thread(board, cursor, wait=10)
    time.sleep(0.3)
    own = board.award()
    send(board, "teacher", own)
    time.sleep(interval * 3 + 0.3)  # the shared check has run meanwhile
    assert "done" not in out  # still waiting: it has its own award already
    theirs = laptop.award()
    send(laptop, "ta", theirs)
    pushed = time.monotonic()
    thread.join(5)
    assert _ids(out["body"]["changes"]) == [own["event_id"], theirs["event_id"]]
    assert out["done"] - pushed < (interval + 0.5 if elsewhere else 0.5)
    if elsewhere:
        return
    # Asking again right after its own push waits too, and ends with nothing new.
    mine = board.award()
    board.push([mine])
    started = time.monotonic()
    body = board.pull(out["body"]["next_cursor"], wait=0.8).json()
    assert time.monotonic() - started > 0.8 * 0.75 - 0.05  # it waited
    assert _ids(body["changes"]) == [mine["event_id"]]


def test_a_poll_that_waits_out_its_time_reads_no_events(harness: Harness) -> None:
    """Polls time out over and over in every school: one that had nothing new reads the
    device's row, not the log, and leaves the cursor where it stood."""
    board = harness.enroll(class_id=CLASS_ID)
    office = harness.enroll("leader")
    assert office.push([office.award(class_id=OTHER_CLASS_ID)]).status_code == 200
    cursor = board.pull().json()["next_cursor"]
    board.pull(cursor, wait=0.5)  # the class's feed knows the school now
    statements: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    sa_event.listen(harness.db.engine, "before_cursor_execute", note)
    try:
        body = board.pull(cursor, wait=0.8).json()
    finally:
        sa_event.remove(harness.db.engine, "before_cursor_execute", note)
    assert body["changes"] == [] and body["next_cursor"] == cursor
    assert body["last_seq"] == 0
    assert statements and not [s for s in statements if "FROM events" in s]
    refused = board.push([board.award(class_id=OTHER_CLASS_ID)]).json()  # not its class
    assert [r["status"] for r in refused["results"]] == ["rejected"]
    again = board.pull(cursor, wait=0.8).json()
    assert again["changes"] == [] and again["last_seq"] == 1  # read, not remembered

"""Stories, messages and guardian links in the tables: local and pulled, idempotent,
delete wins, last writer wins per field, and events kept as received replayed on upgrade."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from dbfiles import checkpoint, dump_tables
from test_database import upgrade_to

from dojo_desktop.core.events import Event, EventKind
from dojo_desktop.core.hlc import Hlc
from dojo_desktop.core.ids import uuid7
from dojo_desktop.core.messages import message_sent, student_thread_id
from dojo_desktop.core.stories import StoryScope, StoryState, story_posted, story_updated
from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.store.database import DATABASE_NAME, prepare_database, schema_revision
from dojo_desktop.store.schema_version import HEAD_REVISION
from dojo_desktop.sync.sync_store import RemoteEvent

OTHER = "other-device"
SHA = "cd" * 32


@pytest.fixture
def room(data_dir: Path) -> Iterator[Classroom]:
    opened = open_classroom(data_dir)
    yield opened
    opened.close()


def hlc(wall: int, device: str = OTHER) -> Hlc:
    return Hlc(1_790_000_000_000 + wall, 0, device)


def pull(room: Classroom, *events: Event) -> None:
    page = [RemoteEvent(i + 1, event, event.hlc.device) for i, event in enumerate(events)]
    room.sync.store.apply_page(page, "cursor", "epoch")


def post(wall: int, story_id: str, class_ids: list[str], text: str = "Trip",
         state: StoryState = StoryState.PUBLISHED) -> Event:
    return story_posted(hlc(wall), story_id=story_id, scope=StoryScope.CLASS,
                        class_ids=class_ids, text=text, attachments=[SHA], state=state,
                        at_ms=wall, author_name="Ms Rossi")


def edit(wall: int, story_id: str, device: str = OTHER, **fields: object) -> Event:
    return story_updated(hlc(wall, device), story_id=story_id, fields=fields, at_ms=wall)


def test_a_pulled_post_to_two_classes_shows_in_both_feeds(room: Classroom) -> None:
    story_id, c1, c2 = uuid7(), uuid7(), uuid7()
    pull(room, post(1, story_id, [c1, c2]))
    reader = room.ctx.story_reader
    for class_id in (c1, c2):
        [story] = reader.class_feed(class_id)
        assert (story.id, story.text, story.attachments) == (story_id, "Trip", (SHA,))
        assert story.class_ids == tuple(sorted((c1, c2)))
        assert not story.waiting_to_send
    assert reader.class_feed(uuid7()) == []


def test_applying_the_same_events_twice_changes_nothing(room: Classroom,
                                                        data_dir: Path) -> None:
    story_id, class_id = uuid7(), uuid7()
    events = [post(1, story_id, [class_id]), edit(2, story_id, text="Our trip")]
    pull(room, *events)
    before = dump_tables(data_dir / DATABASE_NAME)
    # Pulled again under new ids (as a restored server might resend them): still one post.
    pull(room, *[Event(e.kind, e.hlc, e.payload) for e in events])
    after = dump_tables(data_dir / DATABASE_NAME)
    assert {t: after[t] for t in ("stories", "story_classes", "story_attachments")} == \
        {t: before[t] for t in ("stories", "story_classes", "story_attachments")}


def test_each_field_keeps_its_newest_write_whatever_the_order(room: Classroom) -> None:
    story_id, class_id = uuid7(), uuid7()
    pull(room, post(1, story_id, [class_id]), edit(5, story_id, text="newest text"),
         edit(3, story_id, device="a", text="older text", attachments=[]),
         edit(4, story_id, device="b", attachments=["ef" * 32]))
    story = room.ctx.story_reader.story(story_id)
    assert story is not None
    assert story.text == "newest text"
    assert story.attachments == ("ef" * 32,)


def test_a_delete_wins_even_when_it_arrives_first(room: Classroom) -> None:
    story_id, class_id = uuid7(), uuid7()
    deleted = Event(EventKind.STORY_DELETED, hlc(1), {"story_id": story_id, "at_ms": 1})
    pull(room, deleted)
    pull(room, post(0, story_id, [class_id]), edit(9, story_id, text="edited later"))
    assert room.ctx.story_reader.story(story_id) is None
    assert room.ctx.story_reader.class_feed(class_id) == []


def test_pending_student_items_wait_in_the_queue_not_the_feed(room: Classroom) -> None:
    story_id, class_id, student_id = uuid7(), uuid7(), uuid7()
    pull(room, story_posted(hlc(1), story_id=story_id, scope=StoryScope.STUDENT,
                            class_ids=[class_id], student_id=student_id, text="My volcano",
                            attachments=[], state=StoryState.PENDING, at_ms=1))
    reader = room.ctx.story_reader
    assert [s.id for s in reader.approval_queue(class_id)] == [story_id]
    assert reader.class_feed(class_id) == []
    pull(room, edit(2, story_id, state="published"))
    assert reader.approval_queue(class_id) == []
    assert [s.id for s in reader.class_feed(class_id)] == [story_id]
    assert [s.id for s in reader.student_items(student_id, StoryState.PUBLISHED)] == [story_id]


def guardian_event(kind: EventKind, wall: int, guardian_id: str, student_id: str,
                   name: str = "Sam Khan") -> Event:
    payload: dict[str, object] = {"guardian_id": guardian_id, "student_id": student_id,
                                  "at_ms": wall}
    if kind is EventKind.GUARDIAN_LINKED:
        payload["name"] = name
    return Event(kind, hlc(wall, "server"), payload)


def test_receipts_count_linked_guardians_and_links_are_last_writer_wins(
        room: Classroom) -> None:
    student_id, g1, g2, message_id = uuid7(), uuid7(), uuid7(), uuid7()
    thread_id = student_thread_id(student_id)
    pull(room,
         guardian_event(EventKind.GUARDIAN_LINKED, 1, g1, student_id),
         guardian_event(EventKind.GUARDIAN_LINKED, 2, g2, student_id, "Ali Khan"),
         message_sent(hlc(3), message_id=message_id, thread_id=thread_id, body="Hello",
                      at_ms=3, student_id=student_id),
         Event(EventKind.MESSAGE_READ, hlc(4, "server"),
               {"message_id": message_id, "reader": "guardian", "guardian_id": g1, "at_ms": 4}))
    [message] = room.ctx.story_reader.student_messages(student_id)
    assert (message.read_by, message.readers_possible) == (1, 2)
    # An unlink older than the link changes nothing; a newer one removes the guardian.
    pull(room, guardian_event(EventKind.GUARDIAN_UNLINKED, 0, g2, student_id))
    assert len(room.ctx.story_reader.guardians(student_id)) == 2
    pull(room, guardian_event(EventKind.GUARDIAN_UNLINKED, 9, g2, student_id))
    assert [g.name for g in room.ctx.story_reader.guardians(student_id)] == ["Sam Khan"]
    [message] = room.ctx.story_reader.student_messages(student_id)
    assert (message.read_by, message.readers_possible) == (1, 1)


def test_a_family_reply_is_unread_until_staff_read_it(room: Classroom) -> None:
    student_id, guardian_id, message_id = uuid7(), uuid7(), uuid7()
    thread_id = student_thread_id(student_id)
    reply = Event(EventKind.MESSAGE_SENT, hlc(1, "server"), {
        "message_id": message_id, "thread_id": thread_id, "student_id": student_id,
        "body": "Thank you!", "sender": "guardian", "guardian_id": guardian_id, "at_ms": 1})
    pull(room, reply, reply)
    assert room.ctx.story_reader.unread_from_family(student_id) == [message_id]
    pull(room, Event(EventKind.MESSAGE_READ, hlc(2),
                     {"message_id": message_id, "reader": "staff", "at_ms": 2}))
    assert room.ctx.story_reader.unread_from_family(student_id) == []
    [message] = room.ctx.story_reader.student_messages(student_id)
    assert message.read_by_staff


# Upgrading from a version that kept these events as received ------------------------------


def db_rows(path: Path, sql: str, params: tuple[object, ...]) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_events_kept_as_received_are_projected_when_the_database_is_upgraded(
        data_dir: Path) -> None:
    path = data_dir / DATABASE_NAME
    upgrade_to(path, "0002_pulled_events")
    story_id, class_id, student_id, message_id = uuid7(), uuid7(), uuid7(), uuid7()
    pulled = [post(1, story_id, [class_id], text="before the upgrade"),
              edit(2, story_id, text="edited before the upgrade"),
              message_sent(hlc(3), message_id=message_id, thread_id=student_thread_id(
                  student_id), body="Hello", at_ms=3, student_id=student_id)]
    broken = post(4, uuid7(), [class_id], text="could not be applied")
    malformed = Event(EventKind.STORY_UPDATED, hlc(6), {"story_id": story_id, "at_ms": 6,
                                                         "fields": {"scope": "school"}})
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO device VALUES ('mine', 2, '', 1)")
        # Stored newest first: the replay must order them by HLC, not by row.
        for seq, event in reversed(list(enumerate(pulled, start=1))):
            conn.execute("INSERT INTO pulled_events VALUES (?, ?, ?, ?, ?, ?, '')",
                         (event.id, seq, OTHER, str(event.kind), event.hlc.pack(),
                          json.dumps(event.payload)))
        conn.execute("INSERT INTO pulled_events VALUES (?, 9, ?, ?, ?, ?, 'ValueError: x')",
                     (broken.id, OTHER, str(broken.kind), broken.hlc.pack(),
                      json.dumps(broken.payload)))
        conn.execute("INSERT INTO pulled_events VALUES (?, 10, ?, ?, ?, ?, '')",
                     (malformed.id, OTHER, str(malformed.kind), malformed.hlc.pack(),
                      json.dumps(malformed.payload)))
        own = edit(5, story_id, device="mine", state="draft")
        conn.execute("INSERT INTO outbox VALUES (1, ?, ?, ?, ?, 0, '', 'pending', 5)",
                     (own.id, str(own.kind), json.dumps(own.payload), own.hlc.pack()))
    conn.close()
    checkpoint(path)

    prepared = prepare_database(data_dir)
    assert prepared.backup is not None
    assert schema_revision(prepared.backup) == "0002_pulled_events"
    assert schema_revision(path) == HEAD_REVISION
    room = open_classroom(data_dir)
    try:
        [story] = room.ctx.story_reader.class_feed(class_id)
        assert (story.text, story.state) == ("edited before the upgrade", StoryState.DRAFT)
        assert story.waiting_to_send  # the outbox event is still to be pushed
        [message] = room.ctx.story_reader.student_messages(student_id)
        assert message.id == message_id
        # The malformed update was skipped, not fatal, and says why, as a pull would.
        [(error,)] = db_rows(path, "SELECT error FROM pulled_events WHERE event_id = ?",
                             (malformed.id,))
        assert error.startswith("ValueError: unknown story fields")
    finally:
        room.close()

"""Story and message events as the app builds them pass the shared protocol's checks."""

from __future__ import annotations

import pytest

from dojo_desktop.core.hlc import Hlc
from dojo_desktop.core.ids import uuid7
from dojo_desktop.core.messages import (
    class_thread_id,
    message_read,
    message_sent,
    student_thread_id,
)
from dojo_desktop.core.stories import (
    StoryScope,
    StoryState,
    story_deleted,
    story_posted,
    story_updated,
)
from dojo_protocol.events import validate_payload

HLC = Hlc(1_790_000_000_000, 0, "device")
SHA = "ab" * 32


def test_a_post_to_one_class_names_class_id() -> None:
    class_id = uuid7()
    event = story_posted(HLC, story_id=uuid7(), scope=StoryScope.CLASS, class_ids=[class_id],
                         text="Our trip", attachments=[SHA], state=StoryState.PUBLISHED,
                         at_ms=5, author_name="Ms Rossi")
    assert event.payload["class_id"] == class_id and "class_ids" not in event.payload
    assert validate_payload(str(event.kind), event.payload) is None


def test_a_post_to_several_classes_names_them_all() -> None:
    ids = [uuid7(), uuid7()]
    event = story_posted(HLC, story_id=uuid7(), scope=StoryScope.CLASS, class_ids=ids,
                         text="Sports day", attachments=[], state=StoryState.PUBLISHED, at_ms=5)
    assert event.payload["class_ids"] == ids
    assert validate_payload(str(event.kind), event.payload) is None


def test_school_and_student_posts_are_valid() -> None:
    school = story_posted(HLC, story_id=uuid7(), scope=StoryScope.SCHOOL, class_ids=[],
                          text="Term dates", attachments=[], state=StoryState.PUBLISHED, at_ms=1)
    student = story_posted(HLC, story_id=uuid7(), scope=StoryScope.STUDENT,
                           class_ids=[uuid7()], student_id=uuid7(), text="My volcano",
                           attachments=[], state=StoryState.PENDING, at_ms=1)
    for event in (school, student):
        assert validate_payload(str(event.kind), event.payload) is None


def test_updates_and_deletes_are_valid_and_updates_name_known_fields_only() -> None:
    update = story_updated(HLC, story_id=uuid7(), at_ms=2,
                           fields={"state": "returned", "review_comment": "Add a title"})
    delete = story_deleted(HLC, story_id=uuid7(), at_ms=3)
    assert validate_payload(str(update.kind), update.payload) is None
    assert validate_payload(str(delete.kind), delete.payload) is None
    with pytest.raises(ValueError):
        story_updated(HLC, story_id=uuid7(), at_ms=2, fields={"scope": "school"})
    with pytest.raises(ValueError):
        story_updated(HLC, story_id=uuid7(), at_ms=2, fields={})


def test_messages_and_receipts_are_valid() -> None:
    student_id = uuid7()
    sent = message_sent(HLC, message_id=uuid7(), thread_id=student_thread_id(student_id),
                        body="Lovely reading today", at_ms=4, student_id=student_id,
                        send_after_ms=99, attachments=[SHA])
    announce = message_sent(HLC, message_id=uuid7(), thread_id=class_thread_id(uuid7()),
                            body="Trip on Friday", at_ms=4, class_id=uuid7(), urgent=True)
    read = message_read(HLC, message_id=uuid7(), at_ms=5)
    for event in (sent, announce, read):
        assert validate_payload(str(event.kind), event.payload) is None
    with pytest.raises(ValueError):
        message_sent(HLC, message_id=uuid7(), thread_id=uuid7(), body="x", at_ms=1)


def test_thread_ids_are_the_same_on_every_device_and_differ_per_family() -> None:
    a, b = uuid7(), uuid7()
    assert student_thread_id(a) == student_thread_id(a)
    assert len({student_thread_id(a), student_thread_id(b), class_thread_id(a)}) == 3
    assert validate_payload("message_read", {"message_id": student_thread_id(a), "at_ms": 1}) \
        is None

"""Story posts: one or several classes, the school story for leaders, edit, delete, the
student story and its approval queue; each one transaction with its outbox event."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image
from service_helpers import School, db_rows

from dojo_desktop.core.stories import StoryScope, StoryState
from dojo_desktop.services.errors import InvalidInputError
from dojo_desktop.services.settings import STAFF_NAME, STAFF_ROLE
from dojo_desktop.sync.engine import blobs_named
from dojo_protocol.events import validate_payload


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 140, 90)).save(out, format="PNG")
    return out.getvalue()


def outbox(data_dir: Path) -> list[tuple[str, dict[str, object], str]]:
    return [(kind, json.loads(payload), state) for kind, payload, state in db_rows(
        data_dir, "SELECT kind, payload, state FROM outbox WHERE kind LIKE 'story%' "
        "ORDER BY seq")]


def test_a_post_to_two_classes_is_one_event_waiting_to_send(school: School,
                                                            data_dir: Path) -> None:
    room = school.room
    other, _ = room.roster.create_class("4C")
    room.settings.set_preference(STAFF_NAME, "Ms Rossi")
    picture = room.attachments.add_bytes(png(), "dot.png")
    result = room.stories.post("  Science week!  ", [school.class_id, other.id],
                               [picture.sha256])
    assert result.changes.stories
    [(kind, payload, state)] = outbox(data_dir)
    assert (kind, state) == ("story_posted", "pending")
    assert validate_payload(kind, payload) is None
    assert payload["class_ids"] == [school.class_id, other.id]
    assert blobs_named(payload) == [picture.sha256]  # sync uploads it before the event
    for class_id in (school.class_id, other.id):
        [story] = room.stories.class_feed(class_id)
        assert (story.text, story.author_name, story.state) == \
            ("Science week!", "Ms Rossi", StoryState.PUBLISHED)
        assert story.waiting_to_send


def test_a_post_needs_words_or_a_file_and_a_class(school: School) -> None:
    with pytest.raises(InvalidInputError, match="Write something"):
        school.room.stories.post("   ", [school.class_id])
    with pytest.raises(InvalidInputError, match="at least one class"):
        school.room.stories.post("Hello", [])
    with pytest.raises(InvalidInputError, match="no longer on this computer"):
        school.room.stories.post("Hello", [school.class_id], ["ab" * 32])


def test_only_a_leader_posts_to_the_school_story(school: School, data_dir: Path) -> None:
    room = school.room
    with pytest.raises(InvalidInputError, match="school leader"):
        room.stories.post("Term dates", [], school=True)
    assert outbox(data_dir) == []
    room.settings.set_preference(STAFF_ROLE, "leader")
    room.stories.post("Term dates", [school.class_id], school=True)
    [story] = room.stories.school_feed()
    assert story.scope is StoryScope.SCHOOL and story.class_ids == ()
    assert room.stories.class_feed(school.class_id) == []


def test_edit_changes_only_what_changed_and_delete_removes_the_post(
        school: School, data_dir: Path) -> None:
    room = school.room
    story_id = room.stories.post("Frist draft", [school.class_id]).story_id
    assert not room.stories.edit(story_id, "Frist draft", []).stories  # nothing changed
    room.stories.edit(story_id, "First draft", [])
    assert outbox(data_dir)[-1][1]["fields"] == {"text": "First draft"}
    assert room.stories.class_feed(school.class_id)[0].text == "First draft"
    room.stories.delete(story_id)
    assert room.stories.class_feed(school.class_id) == []
    with pytest.raises(InvalidInputError, match="deleted"):
        room.stories.edit(story_id, "Too late", [])
    assert [k for k, _, _ in outbox(data_dir)] == ["story_posted", "story_updated",
                                                   "story_deleted"]


def test_a_student_item_waits_for_approval_before_families_see_it(school: School) -> None:
    room = school.room
    amira = school.student_ids[0]
    story_id = room.stories.submit_student_item(amira, school.class_id, "My volcano").story_id
    [queued] = room.stories.approval_queue(school.class_id)
    assert (queued.id, queued.state, queued.author_name) == \
        (story_id, StoryState.PENDING, "Amira Khan")
    assert room.stories.class_feed(school.class_id) == []
    room.stories.approve(story_id)
    assert room.stories.approval_queue(school.class_id) == []
    assert [s.id for s in room.stories.class_feed(school.class_id)] == [story_id]
    with pytest.raises(InvalidInputError, match="no longer waiting"):
        room.stories.approve(story_id)


def test_returning_an_item_needs_a_comment_and_keeps_it_from_families(school: School) -> None:
    room = school.room
    story_id = room.stories.submit_student_item(
        school.student_ids[1], school.class_id, "", [room.attachments.add_bytes(
            png(), "drawing.png").sha256]).story_id
    with pytest.raises(InvalidInputError, match="comment"):
        room.stories.return_item(story_id, "  ")
    room.stories.return_item(story_id, "Add your name to the drawing")
    story = room.stories.story(story_id)
    assert story is not None
    assert (story.state, story.review_comment) == \
        (StoryState.RETURNED, "Add your name to the drawing")
    assert room.stories.class_feed(school.class_id) == []
    assert room.stories.approval_queue(school.class_id) == []


def test_a_post_the_server_refused_says_so(school: School) -> None:
    room = school.room
    room.stories.post("Hello", [school.class_id])
    store = room.sync.store
    store.acknowledge([(item.seq, "rejected", "not allowed") for item in store.pending(100)
                       if item.kind == "story_posted"])
    [story] = room.stories.class_feed(school.class_id)
    assert story.refused and not story.waiting_to_send

"""The story and message services end to end: posts, edits, approvals and receipts reach
other devices through a real server and show on their screens' reads."""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image
from school_kit import School

from dojo_desktop.core.stories import StoryScope, StoryState
from dojo_desktop.services.classroom import Classroom


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (30, 120, 200)).save(out, format="JPEG")
    return out.getvalue()


def test_a_post_edit_and_delete_reach_the_other_device(
        school: School, sync: Callable[[Classroom], None]) -> None:
    laptop = school.device("teacher-laptop", "teacher")
    group, _ = laptop.roster.create_class("4B")
    picture = laptop.attachments.add_bytes(photo(), "volcano.jpg")
    story_id = laptop.stories.post("Our volcano experiment!", [group.id],
                                   [picture.sha256]).story_id
    assert laptop.stories.class_feed(group.id)[0].waiting_to_send
    sync(laptop)
    assert not laptop.stories.class_feed(group.id)[0].waiting_to_send

    board = school.device("whiteboard", "teacher")
    sync(board)
    [seen] = board.stories.class_feed(group.id)
    assert (seen.id, seen.text, seen.attachments) == \
        (story_id, "Our volcano experiment!", (picture.sha256,))

    board.stories.edit(story_id, "Our volcano experiment (photos tomorrow)!", [])
    sync(board)
    sync(laptop)
    [edited] = laptop.stories.class_feed(group.id)
    assert edited.text == "Our volcano experiment (photos tomorrow)!"
    assert edited.attachments == ()

    laptop.stories.delete(story_id)
    board.stories.edit(story_id, "An edit made while the delete was travelling", [])
    sync(board)
    sync(laptop)
    sync(board)
    assert laptop.stories.class_feed(group.id) == []
    assert board.stories.class_feed(group.id) == []


def test_a_childs_item_from_the_whiteboard_is_approved_on_the_laptop(
        school: School, sync: Callable[[Classroom], None]) -> None:
    board = school.device("whiteboard", "teacher")
    group, _ = board.roster.create_class("4B")
    amira, _ = board.roster.add_student(group.id, "Amira", "Khan")
    item = board.stories.submit_student_item(amira.id, group.id, "I finished my book!")
    sync(board)
    laptop = school.device("teacher-laptop", "teacher")
    sync(laptop)
    [queued] = laptop.stories.approval_queue(group.id)
    assert (queued.id, queued.scope, queued.state) == \
        (item.story_id, StoryScope.STUDENT, StoryState.PENDING)
    laptop.stories.approve(item.story_id)
    sync(laptop)
    sync(board)
    assert board.stories.approval_queue(group.id) == []
    assert [s.id for s in board.stories.class_feed(group.id)] == [item.story_id]


def test_a_leaders_device_may_post_to_the_school_story(
        school: School, sync: Callable[[Classroom], None]) -> None:
    leader = school.device("office", "leader")
    assert leader.stories.may_post_to_school()
    teacher = school.device("teacher-laptop", "teacher")
    assert not teacher.stories.may_post_to_school()
    leader.stories.post("Sports day is on Friday 12 June", [], school=True)
    sync(leader)
    sync(teacher)
    assert [s.text for s in teacher.stories.school_feed()] == ["Sports day is on Friday 12 June"]


def test_messages_and_announcements_reach_the_other_device(
        school: School, sync: Callable[[Classroom], None]) -> None:
    laptop = school.device("teacher-laptop", "teacher")
    group, _ = laptop.roster.create_class("4B")
    ben, _ = laptop.roster.add_student(group.id, "Ben", "Okafor")
    laptop.messages.send(ben.id, "Ben was very kind today", urgent=True)
    laptop.messages.announce(group.id, "Trip on Friday")
    sync(laptop)
    board = school.device("whiteboard", "teacher")
    sync(board)
    announcement, student = board.messages.threads(group.id)
    assert announcement.last_body == "Trip on Friday"
    assert (student.student_id, student.last_body) == (ben.id, "Ben was very kind today")
    [message] = board.messages.student_messages(ben.id)
    assert message.urgent and not message.waiting_to_send

"""Events that name a student, award, post or message reach that one class's devices only."""

from __future__ import annotations

from typing import Any

from portal_kit import Teacher, now_ms
from server_kit import Device, Harness, new_uuid
from sqlalchemy import select

from dojo_server.db.models import EventRow
from dojo_server.domain import family_auth, family_messages, invites


def _ids(changes: list[dict[str, Any]]) -> set[str]:
    return {c["event_id"] for c in changes}


def _stored_classes(harness: Harness) -> dict[str, str | None]:
    with harness.db.read_rows() as conn:
        return dict(conn.execute(select(EventRow.event_id, EventRow.class_id)).all())


def _school(harness: Harness) -> tuple[Teacher, str, str, str, str]:
    """A leader's school-wide device; classes Maple and Oak with Ada and Bo."""
    teacher = Teacher(harness.enroll("leader"))
    maple, oak = teacher.new_class("Maple"), teacher.new_class("Oak")
    return teacher, maple, oak, teacher.new_student(maple, "Ada"), teacher.new_student(oak, "Bo")


def _sent(teacher: Teacher, kind: str, **payload: Any) -> str:
    event = teacher.ev(kind, **payload)
    teacher.send(event)
    return str(event["event_id"])


def test_what_is_about_a_student_reaches_only_that_students_class(harness: Harness) -> None:
    teacher, maple, oak, ada, bo = _school(harness)
    maple_board = harness.enroll(class_id=maple)
    oak_board = harness.enroll(class_id=oak)
    skill = teacher.new_skill("Kindness")
    award = teacher.award(ada, maple, skill)
    message, thread = teacher.message("Ada read beautifully today", student_id=ada)
    class_post = teacher.story("Our trip", class_ids=[maple])
    about_ada = {
        _sent(teacher, "student_updated", student_id=ada, fields={"last_name": "Lovelace"}),
        _sent(teacher, "award_undone", award_ids=[award], at_ms=now_ms()),
        _sent(teacher, "message_read", message_id=message, at_ms=now_ms()),
        _sent(teacher, "message_sent", message_id=new_uuid(), thread_id=thread,
              student_id=ada, body="And her spelling too", at_ms=now_ms()),
        _sent(teacher, "story_posted", story_id=new_uuid(), scope="student", student_id=ada,
              class_id=maple,
              text="Ada's painting", state="published", at_ms=now_ms()),
        _sent(teacher, "story_updated", story_id=class_post, fields={"text": "Our zoo trip"},
              at_ms=now_ms()),
        _sent(teacher, "story_deleted", story_id=class_post, at_ms=now_ms()),
    }
    about_bo = _sent(teacher, "student_updated", student_id=bo, fields={"last_name": "Li"})

    stored = _stored_classes(harness)
    assert {stored[event_id] for event_id in about_ada} == {maple}
    assert stored[about_bo] == oak
    assert about_ada <= _ids(maple_board.pull_all())
    oak_pulled = _ids(oak_board.pull_all())
    assert not about_ada & oak_pulled and about_bo in oak_pulled
    assert about_ada | {about_bo} <= _ids(teacher.device.pull_all())  # the school's device


def test_one_push_can_add_what_its_later_events_refer_to(harness: Harness) -> None:
    """Offline, a board makes a class, a student, a tap and its undo, a post and its edit:
    all arrive in one push, before the read tables know any of them."""
    board = harness.enroll("teacher")
    teacher = Teacher(board)
    maple, ada, award, post, message = (new_uuid() for _ in range(5))
    events = [
        teacher.ev("class_created", class_id=maple, name="Maple"),
        teacher.ev("student_added", student_id=ada, class_id=maple, first_name="Ada"),
        teacher.ev("award_given", award_id=award, student_id=ada, class_id=maple,
                   skill_id=new_uuid(), points=1, batch_id=new_uuid(), at_ms=now_ms()),
        teacher.ev("award_undone", award_ids=[award], at_ms=now_ms()),
        teacher.ev("story_posted", story_id=post, scope="class", class_id=maple,
                   text="Hello", state="published", at_ms=now_ms()),
        teacher.ev("story_updated", story_id=post, fields={"text": "Hello all"},
                   at_ms=now_ms()),
        teacher.ev("message_sent", message_id=message, thread_id=new_uuid(), student_id=ada,
                   body="Hi", at_ms=now_ms()),
        teacher.ev("message_read", message_id=message, at_ms=now_ms()),
        teacher.ev("student_updated", student_id=ada, fields={"last_name": "Lovelace"}),
    ]
    answer = board.push(events).json()
    assert [r["status"] for r in answer["results"]] == ["applied"] * len(events)
    stored = _stored_classes(harness)
    assert [stored[e["event_id"]] for e in events] == [maple] * len(events)


def test_what_belongs_to_several_classes_or_to_nothing_known_goes_to_the_school(
        harness: Harness) -> None:
    teacher, maple, oak, ada, bo = _school(harness)
    teacher.join_class(ada, oak, "Ada")  # Ada is in both classes now
    skill = teacher.new_skill("Kindness")
    maple_award, oak_award = teacher.award(bo, oak, skill), teacher.award(ada, maple, skill)
    wide = {
        _sent(teacher, "student_updated", student_id=ada, fields={"last_name": "Lovelace"}),
        _sent(teacher, "award_undone", award_ids=[maple_award, oak_award], at_ms=now_ms()),
        _sent(teacher, "award_undone", award_ids=[new_uuid()], at_ms=now_ms()),
        _sent(teacher, "message_read", message_id=new_uuid(), at_ms=now_ms()),
        _sent(teacher, "story_updated", story_id=teacher.story("Both", class_ids=[maple, oak]),
              fields={"text": "Both classes"}, at_ms=now_ms()),
    }
    stored = _stored_classes(harness)
    assert {stored[event_id] for event_id in wide} == {None}
    for class_id in (maple, oak):
        assert wide <= _ids(harness.enroll(class_id=class_id).pull_all())


def _refused(device: Device, event: dict[str, Any]) -> str:
    answer = device.push([event]).json()
    [result] = answer["results"]
    assert result["status"] == "rejected", answer
    return str(result["reason"])


def test_a_class_device_cannot_write_about_another_classes_children(harness: Harness) -> None:
    teacher, maple, oak, ada, _bo = _school(harness)
    award = teacher.award(ada, maple, teacher.new_skill("Kindness"))
    message, thread = teacher.message("Ada read beautifully", student_id=ada)
    oak_board = Teacher(harness.enroll(class_id=oak))
    for event in (
            oak_board.ev("message_sent", message_id=new_uuid(), thread_id=thread,
                         student_id=ada, body="Hello from Oak", at_ms=now_ms()),
            oak_board.ev("award_undone", award_ids=[award], at_ms=now_ms()),
            oak_board.ev("message_read", message_id=message, at_ms=now_ms()),
            oak_board.ev("student_updated", student_id=ada, fields={"first_name": "X"})):
        assert _refused(oak_board.device, event) == (
            "this device may only record events for its own class")
    maple_board = Teacher(harness.enroll(class_id=maple))
    maple_board.undo(award)  # its own class's: applied


def test_what_families_do_in_the_portal_reaches_only_their_childs_class(
        harness: Harness) -> None:
    teacher, maple, oak, ada, _bo = _school(harness)
    maple_board, oak_board = harness.enroll(class_id=maple), harness.enroll(class_id=oak)
    [letter] = [letter for letter in invites.create_invites(harness.db, harness.school_id,
                                                            maple)]
    guardian_id, _school_id = invites.join(
        harness.db, letter.code.lower(), "10.0.0.1",
        new=invites.NewGuardian("Grace Lovelace", "grace@example.org", "a long password",
                                "en"))
    member = family_auth.session_member(harness.db, family_auth.start_session(
        harness.db, guardian_id))
    assert member is not None
    _message, thread = teacher.message("Ada read beautifully", student_id=ada)
    family_messages.open_thread(harness.db, member, ada, thread)
    family_messages.reply(harness.db, harness.server.settings.blobs_dir, member, ada, thread,
                          "Thank you!", None, 1000)

    def portal_kinds(device: Device) -> list[str]:
        return [c["kind"] for c in device.pull_all() if c["device_id"].startswith("portal-")]

    assert portal_kinds(maple_board) == ["guardian_linked", "message_read", "message_sent"]
    assert portal_kinds(oak_board) == []

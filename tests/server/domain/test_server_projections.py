"""Read tables follow the event log, and a rebuild from the log gives the same rows."""

from __future__ import annotations

import json
from typing import Any

from portal_kit import Teacher, now_ms
from server_kit import Harness
from sqlalchemy import select

from dojo_server.db.read_models import (
    PROJECTED_TABLES,
    AwardUndoView,
    AwardView,
    ClassMember,
    ClassView,
    MessageRead,
    MessageView,
    StoryClass,
    StoryView,
    StudentView,
)
from dojo_server.domain import family_auth, family_messages, invites
from dojo_server.domain.invites import NewGuardian
from dojo_server.domain.projections import catch_up, rebuild


def _snapshot(harness: Harness) -> dict[str, list[tuple[Any, ...]]]:
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with harness.db.read() as session:
        for table in PROJECTED_TABLES:
            columns = list(table.__table__.columns)
            rows = session.execute(select(*columns)).all()
            tables[table.__tablename__] = sorted(tuple(r) for r in rows)
    return tables


def _build_school(teacher: Teacher) -> dict[str, str]:
    maple, oak = teacher.new_class("Maple"), teacher.new_class("Oak")
    ada = teacher.new_student(maple, "Ada", "Lovelace")
    teacher.join_class(ada, oak, "Ada")
    bo = teacher.new_student(oak, "Bo")
    kind, loud = teacher.new_skill("Kindness", 2), teacher.new_skill("Calling out", -1)
    kept = teacher.award(ada, maple, kind, 2)
    undone = teacher.award(ada, maple, loud, -1)
    teacher.undo(undone)
    teacher.undo(undone)
    teacher.award(bo, oak, kind, 2)
    both = teacher.story("Trip to the museum", class_ids=[maple, oak])
    teacher.story("Sports day", scope="school")
    draft = teacher.story("Ada's poem", scope="student", class_ids=[maple], student_id=ada,
                          state="pending")
    gone = teacher.story("Oops", class_ids=[oak])
    teacher.send(
        teacher.ev("story_updated", story_id=draft, fields={"state": "published"},
                   at_ms=now_ms()),
        teacher.ev("story_deleted", story_id=gone, at_ms=now_ms()),
        teacher.ev("story_updated", story_id=gone, fields={"text": "Back?"}, at_ms=now_ms()),
        teacher.ev("class_updated", class_id=oak, fields={"name": "Oak tree"}),
        teacher.ev("student_updated", student_id=bo, fields={"last_name": "Peep"}))
    message, thread = teacher.message("Ada was wonderful today", student_id=ada)
    teacher.send(teacher.ev("message_read", message_id=message, at_ms=now_ms()))
    return {"maple": maple, "oak": oak, "ada": ada, "bo": bo, "kept": kept,
            "undone": undone, "both": both, "draft": draft, "gone": gone,
            "message": message, "thread": thread}


def test_read_tables_follow_pushed_events(harness: Harness) -> None:
    teacher = Teacher(harness.enroll("leader"))
    ids = _build_school(teacher)
    with harness.db.read() as session:
        oak = session.get(ClassView, (harness.school_id, ids["oak"]))
        assert oak is not None and oak.name == "Oak tree"
        bo = session.get(StudentView, (harness.school_id, ids["bo"]))
        assert bo is not None and bo.last_name == "Peep"
        classes_of_ada = set(session.scalars(select(ClassMember.class_id).where(
            ClassMember.student_id == ids["ada"])))
        assert classes_of_ada == {ids["maple"], ids["oak"]}
        assert len(session.scalars(select(AwardView)).all()) == 3
        assert list(session.scalars(select(AwardUndoView.award_id))) == [ids["undone"]]
        stories = {s.id: s for s in session.scalars(select(StoryView))}
        assert stories[ids["draft"]].state == "published"
        assert stories[ids["gone"]].deleted and stories[ids["gone"]].text == "Back?"
        assert set(session.scalars(select(StoryClass.class_id).where(
            StoryClass.story_id == ids["both"]))) == {ids["maple"], ids["oak"]}
        message = session.get(MessageView, (harness.school_id, ids["message"]))
        assert message is not None and message.thread_id == ids["thread"]
        assert json.loads(message.attachments) == []
        reads = session.scalars(select(MessageRead)).all()
        assert [(r.reader, r.reader_id) for r in reads] == [("staff", teacher.device.device_id)]


def _family_acts(harness: Harness, ids: dict[str, str]) -> None:
    """A guardian joins, reads the thread and replies: events written by the portal."""
    letter = next(letter for letter in invites.create_invites(
        harness.db, harness.school_id, ids["maple"]) if letter.student_name.startswith("Ada"))
    guardian_id, _school = invites.join(harness.db, letter.code, "10.0.0.9", new=NewGuardian(
        "Grace", "", "a long password", "en", login_name="grace"))
    member = family_auth.session_member(harness.db, family_auth.start_session(
        harness.db, guardian_id))
    assert member is not None
    family_messages.open_thread(harness.db, member, ids["ada"], ids["thread"])
    family_messages.reply(harness.db, harness.server.settings.blobs_dir, member, ids["ada"],
                          ids["thread"], "Thank you", None, 1000)


def test_a_rebuild_from_the_log_gives_the_same_tables(harness: Harness) -> None:
    teacher = Teacher(harness.enroll("leader"))
    _family_acts(harness, _build_school(teacher))
    incremental = _snapshot(harness)
    assert incremental["award_view"] and incremental["story_view"]
    assert incremental["guardian_link"] and len(incremental["message_read"]) == 2
    assert len(incremental["message_view"]) == 2
    with harness.db.write() as session:
        replayed = rebuild(session, harness.school_id)
    assert replayed == len(teacher.device.pull_all())
    assert _snapshot(harness) == incremental


def test_catching_up_twice_applies_nothing_new(harness: Harness) -> None:
    teacher = Teacher(harness.enroll("leader"))
    teacher.new_class("Maple")
    with harness.db.write() as session:
        assert catch_up(session, harness.school_id) == 0


def test_schools_keep_their_own_rows(harness: Harness) -> None:
    from dojo_server.domain import schools

    other = schools.create_school(harness.db, "Riverside", "UTC")
    mine, theirs = Teacher(harness.enroll("leader")), Teacher(harness.enroll(
        "teacher", school_id=other))
    shared_id = mine.new_class("Maple")
    theirs.send(theirs.ev("class_created", class_id=shared_id, name="Not Maple"))
    with harness.db.read() as session:
        names = dict(session.execute(select(ClassView.school_id, ClassView.name)).all())
    assert names == {harness.school_id: "Maple", other: "Not Maple"}

"""The class an event belongs to when its payload does not say: that of what it refers to.

``dojo_protocol.audience.event_class`` decides from the payload alone: an award, a class's
roster, a post to one class. A message in a student's family thread, a read receipt, a
guardian's link, a student's new name, an undo, a post's edit name a student, an award, a
post or a message instead; here they take the class of that, as the school's read tables
know it, together with the events before them in the same write (a tap and its undo often
come in one push). A class's devices pull its events and the school-wide ones only, so a
classroom board never holds what other classes' families wrote.

What refers to a student in several classes (or to several classes at once), or to
something the server does not know yet, goes to the whole school: every device applies it
or finds nothing it holds to change, so the event is never lost, only shared more widely.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dojo_protocol.audience import event_class
from dojo_protocol.kinds import KINDS, REFERRING_KINDS, Refers
from dojo_server.db.read_models import (
    AwardView,
    ClassMember,
    MessageView,
    StoryClass,
    StoryView,
)

_STUDENT, _AWARD, _STORY, _MESSAGE = Refers.STUDENT, Refers.AWARD, Refers.STORY, Refers.MESSAGE
_CHUNK = 500  # ids in one IN (...), well under every database's limit on parameters

Key = tuple[str, str]  # (school_id, id)

def _referents(kind: str, payload: dict[str, Any]) -> tuple[Refers, list[str]] | None:
    """What an event of ``kind`` refers to instead of naming a class: (what, ids)."""
    if kind not in REFERRING_KINDS:  # awards, the bulk of every push, stop here
        return None
    return KINDS[kind].concerns(payload).refers


class Audiences:
    """Classes of the students, awards, posts and messages a write's events refer to.

    Made by :meth:`load` for the events about to be stored (valid ones: their payloads
    are read without checks), told each stored event by :meth:`learn`, in order.
    """

    def __init__(self) -> None:
        self._students: dict[Key, set[str]] = {}
        self._awards: dict[Key, str] = {}
        self._stories: dict[Key, str | None] = {}
        self._messages: dict[Key, str | None] = {}
        self._learns = False  # nothing refers to anything: learn() has nothing to keep

    @classmethod
    def load(cls, session: Session,
             events: Iterable[tuple[str, str, dict[str, Any]]]) -> Audiences:
        """What ``events`` ((school_id, kind, payload), valid) refer to, from the read
        tables; no query at all when none refers to anything."""
        audiences = cls()
        wanted: dict[str, set[Key]] = {_STUDENT: set(), _AWARD: set(), _STORY: set(),
                                       _MESSAGE: set()}
        added: set[Key] = set()  # students added in this write: maybe in a class already
        for school_id, kind, payload in events:
            defines = KINDS[kind].defines
            if defines is not None and defines[0] == _STUDENT:
                added.add((school_id, payload[defines[1]]))
            referents = _referents(kind, payload)
            if referents is not None:
                what, ids = referents
                wanted[what].update((school_id, id_) for id_ in ids)
        if not any(wanted.values()):
            return audiences
        audiences._learns = True
        session.flush()  # the read tables as this transaction left them
        # Posts and messages to one student take that student's class, found next.
        story_students: dict[Key, str] = {}
        message_students: dict[Key, str] = {}
        audiences._load_stories(session, wanted[_STORY], story_students)
        audiences._load_messages(session, wanted[_MESSAGE], message_students)
        audiences._load_awards(session, wanted[_AWARD])
        audiences._load_students(session, wanted[_STUDENT] | added | {
            (key[0], student) for key, student in
            (*story_students.items(), *message_students.items())})
        for key, student in story_students.items():
            audiences._stories[key] = audiences._student_class((key[0], student))
        for key, student in message_students.items():
            audiences._messages[key] = audiences._student_class((key[0], student))
        return audiences

    def class_of(self, school_id: str, kind: str, payload: dict[str, Any]) -> str | None:
        """The class a valid ``kind`` event is for, or None for the whole school."""
        referents = _referents(kind, payload)
        if referents is None:
            return event_class(kind, payload)
        what, ids = referents
        classes: set[str | None] = set()
        for id_ in ids:
            key = (school_id, id_)
            if what == _STUDENT:
                classes.add(self._student_class(key))
            elif what == _AWARD:
                classes.add(self._awards.get(key))
            else:
                classes.add((self._stories if what == _STORY else self._messages).get(key))
        return classes.pop() if len(classes) == 1 else None

    def learn(self, school_id: str, kind: str, payload: dict[str, Any],
              class_id: str | None) -> None:
        """Note a valid event stored for ``class_id``, for the events after it."""
        if not self._learns:
            return
        defines = KINDS[kind].defines
        if defines is None:
            return
        what, key = defines[0], (school_id, payload[defines[1]])
        if what in (_STORY, _MESSAGE):  # a school-wide one too: later events take None
            (self._stories if what == _STORY else self._messages).setdefault(key, class_id)
        elif class_id is None:  # students and awards always name their class
            return
        elif what == _STUDENT:
            self._students.setdefault(key, set()).add(class_id)
        else:
            self._awards[key] = class_id

    def _student_class(self, key: Key) -> str | None:
        classes = self._students.get(key, ())
        return next(iter(classes)) if len(classes) == 1 else None

    def _load_students(self, session: Session, keys: set[Key]) -> None:
        for school_id, ids in _by_school(keys):
            for student_id, class_id in session.execute(
                    select(ClassMember.student_id, ClassMember.class_id).where(
                        ClassMember.school_id == school_id, ClassMember.student_id.in_(ids))):
                self._students.setdefault((school_id, student_id), set()).add(class_id)

    def _load_awards(self, session: Session, keys: set[Key]) -> None:
        for school_id, ids in _by_school(keys):
            for award_id, class_id in session.execute(
                    select(AwardView.id, AwardView.class_id).where(
                        AwardView.school_id == school_id, AwardView.id.in_(ids))):
                self._awards[(school_id, award_id)] = class_id

    def _load_stories(self, session: Session, keys: set[Key],
                      students_of: dict[Key, str]) -> None:
        for school_id, ids in _by_school(keys):
            classes: dict[str, set[str]] = {}
            for story_id, class_id in session.execute(
                    select(StoryClass.story_id, StoryClass.class_id).where(
                        StoryClass.school_id == school_id, StoryClass.story_id.in_(ids))):
                classes.setdefault(story_id, set()).add(class_id)
            for story_id, scope, student_id in session.execute(
                    select(StoryView.id, StoryView.scope, StoryView.student_id).where(
                        StoryView.school_id == school_id, StoryView.id.in_(ids))):
                key = (school_id, story_id)
                if scope == "student" and student_id:
                    students_of[key] = student_id
                    continue
                in_classes = classes.get(story_id, set())
                one = scope == "class" and len(in_classes) == 1
                self._stories[key] = next(iter(in_classes)) if one else None

    def _load_messages(self, session: Session, keys: set[Key],
                       students_of: dict[Key, str]) -> None:
        for school_id, ids in _by_school(keys):
            for message_id, student_id, class_id in session.execute(
                    select(MessageView.id, MessageView.student_id, MessageView.class_id)
                    .where(MessageView.school_id == school_id, MessageView.id.in_(ids))):
                key = (school_id, message_id)
                if student_id:
                    students_of[key] = student_id
                else:
                    self._messages[key] = class_id


def _by_school(keys: set[Key]) -> Iterable[tuple[str, list[str]]]:
    """``keys`` as (school_id, ids) in chunks small enough for one IN (...)."""
    schools: dict[str, list[str]] = {}
    for school_id, id_ in sorted(keys):
        schools.setdefault(school_id, []).append(id_)
    for school_id, ids in schools.items():
        for start in range(0, len(ids), _CHUNK):
            yield school_id, ids[start:start + _CHUNK]

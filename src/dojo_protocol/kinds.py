"""The registry of event kinds: each kind of record is defined here once, for both programs.

A :class:`Kind` says what its payload holds and the limits of each key (keys marked
``required``; unknown top-level keys are allowed, since a newer client may add some, but the
``fields`` of an update may only name the fields listed, because every client applies them
as written), whom it concerns (a class, or what the server looks up: a student, an award, a
post or a message; else the whole school), which staff roles may push it, whether only the
family portal may write it, what later events may refer to, and which parts of the screens
it changes. The server's checks, permissions and audiences, the app's change flags and both
apply paths read it; ``docs/ARCHITECTURE.md`` says where.

Ids are UUID strings; ``*_ms`` are Unix milliseconds; sha256 values are 64 lowercase hex.
The lengths are those of ``dojo_protocol.limits``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from dojo_protocol import checks as c
from dojo_protocol import limits
from dojo_protocol.checks import Check
from dojo_protocol.pins import check_verifier


class Part(StrEnum):
    """A part of the screens that events change (the app repaints only those)."""

    TILES = "tiles"  # the tiles of the students the event names (points, name, avatar)
    ROSTER = "roster"  # classes and students: the grid is laid out again
    SKILLS = "skills"
    SETTINGS = "settings"
    STORIES = "stories"
    MESSAGES = "messages"  # messages, receipts, and who a child's family is
    RECORDS = "records"  # the records of a record kind (see ``Kind.record``), by kind


class Refers(StrEnum):
    """What an event may name instead of a class; the server knows its class."""

    STUDENT = "student"
    AWARD = "award"
    STORY = "story"
    MESSAGE = "message"


@dataclass(frozen=True)
class Concerns:
    """Whom one event concerns, as far as its payload tells: a class, or what it refers to
    (whose class the server looks up), or neither: the whole school."""

    class_id: str | None = None
    refers: tuple[Refers, list[str]] | None = None


SCHOOL = Concerns()
STAFF = frozenset({"teacher", "leader", "admin"})
STAFF_AND_TA = STAFF | {"ta"}  # a TA logs points and attendance for the class
STAFF_ROLES = ("teacher", "ta", "leader", "admin")
# Who made an event: the staff id of the person, a payload key every kind a device pushes
# may carry (checked by ``events.validate_payload``; older events have none). A device
# enrolled for a person makes every event by that person; on a room's board it is the
# person who picked their name.
AUTHOR_KEY = "by"


@dataclass(frozen=True, eq=False)
class Kind:
    """One kind of event (see the module's docstring)."""

    name: str
    keys: Mapping[str, tuple[Check, bool]]  # key -> (check, required)
    changes: frozenset[Part]
    writers: frozenset[str] = STAFF  # staff roles whose devices may push it
    fields: Mapping[str, Check] = field(default_factory=dict)  # what an update may change
    class_key: str | None = None  # the payload key naming its one class
    refers: tuple[Refers, str] | None = None  # what it may name instead (payload key)
    concerns_rule: Callable[[dict[str, Any]], Concerns] | None = None  # a rule of its own
    family: bool | tuple[str, str] = False  # portal only: always, or when key == value
    defines: tuple[Refers, str] | None = None  # what later events may refer to (key)
    rule: Callable[[dict[str, Any]], str | None] | None = None  # across keys
    # A record kind: each event is the whole of one record, named by these payload keys;
    # of two versions the newer HLC wins. Devices keep such records in one generic table
    # and screens read them by kind, so a new kind of record needs no table of its own.
    record: tuple[str, ...] = ()

    def concerns(self, payload: dict[str, Any]) -> Concerns:
        """Whom an event of this kind with ``payload`` concerns."""
        if self.concerns_rule is not None:
            return self.concerns_rule(payload)
        if self.refers is not None:
            ids = payload.get(self.refers[1])
            if ids:
                return Concerns(refers=(self.refers[0], ids if isinstance(ids, list) else [ids]))
        if self.class_key is not None:
            return Concerns(class_id=_id_or_none(payload.get(self.class_key)))
        return SCHOOL

    def class_of(self, payload: dict[str, Any]) -> str | None:
        """The class the payload names (None: the school, or what it refers to decides);
        :meth:`concerns` without building its answer, for the awards of every push."""
        if self.concerns_rule is None and (self.refers is None
                                           or not payload.get(self.refers[1])):
            return None if self.class_key is None else _id_or_none(payload.get(self.class_key))
        return self.concerns(payload).class_id

    def family_authored(self, payload: dict[str, Any]) -> bool:
        """True if only the server's portal may write this event (a family's act)."""
        if isinstance(self.family, tuple):
            key, value = self.family
            return bool(payload.get(key) == value)
        return self.family


def _id_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _story_concerns(p: dict[str, Any]) -> Concerns:
    """A post to one student: that child's class; to one class: it; else the school."""
    if p.get("scope") == "student" and p.get("student_id"):
        return Concerns(refers=(Refers.STUDENT, [p["student_id"]]))
    if p.get("scope") != "class":
        return SCHOOL
    class_ids = p.get("class_ids") or [p.get("class_id")]
    if not isinstance(class_ids, list) or len(class_ids) != 1:
        return SCHOOL
    return Concerns(class_id=_id_or_none(class_ids[0]))


def _student_added_concerns(p: dict[str, Any]) -> Concerns:
    """A child joining a class concerns it; one moving from another class concerns both,
    which only the whole school's devices share."""
    if p.get("moved_from"):
        return SCHOOL
    return Concerns(class_id=_id_or_none(p.get("class_id")))


def _skill_rule(p: dict[str, Any]) -> str | None:
    positive = p["polarity"] == "positive"
    if (positive and p["points"] < 1) or (not positive and p["points"] > -1):
        return (f"points must be 1..{limits.MAX_POINTS} for a positive skill and "
                f"{limits.MIN_POINTS}..-1 for needs-work")
    return None


def _award_rule(p: dict[str, Any]) -> str | None:
    return "points must not be 0" if p["points"] == 0 else None


def _target_rule(p: dict[str, Any]) -> str | None:
    if p["points"] < 1 and not p.get("cleared"):
        return f"points must be 1..{limits.MAX_TARGET_POINTS} unless the target is cleared"
    return None


def _story_rule(p: dict[str, Any]) -> str | None:
    if p["scope"] != "school" and not (p.get("class_id") or p.get("class_ids")):
        return "class_id is missing (needed unless the story is school-wide)"
    if p["scope"] == "student" and not p.get("student_id"):
        return "student_id is missing (needed for a student story)"
    return None


def _party_rule(key: str) -> Callable[[dict[str, Any]], str | None]:
    def rule(p: dict[str, Any]) -> str | None:
        if p.get(key) == "guardian" and not p.get("guardian_id"):
            return f"guardian_id is missing (needed when a guardian {_VERB[key]} it)"
        return None
    return rule


_VERB = {"sender": "wrote", "reader": "read"}


def _message_rule(p: dict[str, Any]) -> str | None:
    if not (p.get("student_id") or p.get("class_id")):
        return "student_id or class_id is needed (whose families the message is for)"
    return _party_rule("sender")(p)


_ID = c.uuid_id
# The school information system's id of an imported class or child (OneRoster sourcedId).
_SOURCED_ID = c.text(limits.MAX_SOURCED_ID, 1)
_SCHOOL_YEAR = c.text(limits.MAX_SCHOOL_YEAR, 1)
_STORY_STATE = c.one_of("draft", "pending", "published", "returned")
_PARTY = c.one_of("staff", "guardian")
_TARGET_SCOPE = c.either(c.one_of("standing"), c.iso_date,
                         "standing or a date written YYYY-MM-DD")
_TILES_AND_ROSTER = frozenset({Part.TILES, Part.ROSTER})

_REGISTRY = (
    # Roster and skills
    Kind("class_created", {"class_id": (_ID, True),
                           "name": (c.text(limits.MAX_CLASS_NAME, 1), True),
                           "year_group": (c.text(limits.MAX_YEAR_GROUP), False),
                           "school_year": (_SCHOOL_YEAR, False),
                           "sourced_id": (_SOURCED_ID, False)},
         frozenset({Part.ROSTER}), class_key="class_id"),
    Kind("class_updated", {"class_id": (_ID, True)}, frozenset({Part.ROSTER}),
         fields={"name": c.text(limits.MAX_CLASS_NAME, 1),
                 "year_group": c.text(limits.MAX_YEAR_GROUP), "archived": c.boolean},
         class_key="class_id"),
    Kind("student_added", {"student_id": (_ID, True), "class_id": (_ID, True),
                           "first_name": (c.text(limits.MAX_PERSON_NAME, 1), True),
                           "last_name": (c.text(limits.MAX_PERSON_NAME), False),
                           "avatar": (c.AVATAR, False), "position": (c.whole(), False),
                           "sourced_id": (_SOURCED_ID, False),
                           # Added to this class on leaving that one (a roster import).
                           "moved_from": (c.optional(_ID), False)},
         _TILES_AND_ROSTER, class_key="class_id", concerns_rule=_student_added_concerns,
         defines=(Refers.STUDENT, "student_id")),
    Kind("student_updated", {"student_id": (_ID, True)}, _TILES_AND_ROSTER,
         fields={"first_name": c.text(limits.MAX_PERSON_NAME, 1),
                 "last_name": c.text(limits.MAX_PERSON_NAME), "avatar": c.AVATAR,
                 "archived": c.boolean},
         refers=(Refers.STUDENT, "student_id")),
    # The new school year (written by the server's rollover): last year's class is followed
    # by this year's (named here, so a device that missed its class_created has it), and
    # archived. The whole school hears it, so a board enrolled for the old class (which
    # the server moves to the new one) learns of its new class.
    Kind("class_succeeded", {"class_id": (_ID, True), "successor_id": (_ID, True),
                             "successor_name": (c.text(limits.MAX_CLASS_NAME, 1), True),
                             "year_group": (c.text(limits.MAX_YEAR_GROUP), False),
                             "school_year": (_SCHOOL_YEAR, False), "at_ms": (c.AT_MS, True)},
         frozenset({Part.RECORDS, Part.ROSTER}), writers=frozenset(), record=("class_id",)),
    # A member of staff teaching a class (the rollover's or the console's); one record per
    # class and person, ``removed`` once they no longer do.
    Kind("class_teacher_assigned", {"class_id": (_ID, True), "staff_id": (_ID, True),
                                    "name": (c.text(limits.MAX_AUTHOR_NAME, 1), True),
                                    "removed": (c.boolean, False), "at_ms": (c.AT_MS, True)},
         frozenset({Part.RECORDS}), writers=frozenset(), class_key="class_id",
         record=("class_id", "staff_id")),
    Kind("skill_saved", {"skill_id": (_ID, True),
                         "name": (c.text(limits.MAX_SKILL_NAME, 1), True),
                         "icon": (c.text(limits.MAX_SKILL_ICON, 1), True),
                         "polarity": (c.one_of("positive", "needs_work"), True),
                         "points": (c.POINTS, True),
                         "criteria": (c.text(limits.MAX_CRITERIA), False),
                         "position": (c.whole(), False), "archived": (c.boolean, False),
                         "class_id": (c.optional(_ID), False)},  # none: school-wide
         frozenset({Part.SKILLS}), class_key="class_id", rule=_skill_rule),
    Kind("skills_reordered", {"skill_ids": (c.list_of(_ID, limits.MAX_IDS_PER_EVENT), True)},
         frozenset({Part.SKILLS})),
    Kind("award_given", {"award_id": (_ID, True), "student_id": (_ID, True),
                         "class_id": (_ID, True), "skill_id": (_ID, True),
                         "points": (c.POINTS, True), "batch_id": (_ID, True),
                         "at_ms": (c.AT_MS, True),
                         "note": (c.text(limits.MAX_AWARD_NOTE), False)},
         frozenset({Part.TILES}), writers=STAFF_AND_TA, class_key="class_id",
         defines=(Refers.AWARD, "award_id"), rule=_award_rule),
    Kind("award_undone", {"award_ids": (c.list_of(_ID, limits.MAX_IDS_PER_EVENT, 1), True),
                          "at_ms": (c.AT_MS, True)},
         frozenset({Part.TILES}), writers=STAFF_AND_TA, refers=(Refers.AWARD, "award_ids")),
    Kind("setting_changed", {"key": (c.text(limits.MAX_SETTING_KEY, 1), True),
                             "value": (c.json_text, True)},
         frozenset({Part.SETTINGS})),
    # Attendance: last writer wins per student and date.
    Kind("attendance_marked", {"student_id": (_ID, True), "class_id": (_ID, True),
                               "date": (c.iso_date, True),
                               "status": (c.one_of("present", "absent", "late", "left_early"),
                                          True),
                               "at_ms": (c.AT_MS, True)},
         frozenset({Part.RECORDS}), writers=STAFF_AND_TA, class_key="class_id",
         record=("student_id", "date")),
    # A child's own target of points for the day: for one date, or standing (every school
    # day until changed or cleared); last writer wins per student and scope.
    Kind("target_set", {"student_id": (_ID, True), "class_id": (_ID, True),
                        "scope": (_TARGET_SCOPE, True),
                        "points": (c.whole(0, limits.MAX_TARGET_POINTS), True),
                        "skill_ids": (c.list_of(_ID, limits.MAX_TARGET_SKILLS), False),
                        "cleared": (c.boolean, False), "at_ms": (c.AT_MS, True)},
         frozenset({Part.RECORDS}), class_key="class_id", record=("student_id", "scope"),
         rule=_target_rule),
    # A class goal: a points target and the reward the class chose; one record per class.
    Kind("class_goal_set", {"class_id": (_ID, True),
                            "target": (c.whole(1, limits.MAX_GOAL_POINTS), True),
                            "reward": (c.text(limits.MAX_GOAL_REWARD), True),
                            "set_at": (c.AT_MS, True)},
         frozenset({Part.RECORDS}), class_key="class_id", record=("class_id",)),
    # Stories: a teacher approves or returns a child's post with an update; delete wins.
    Kind("story_posted", {"story_id": (_ID, True),
                          "scope": (c.one_of("class", "school", "student"), True),
                          "class_id": (c.optional(_ID), False),
                          "student_id": (c.optional(_ID), False),
                          "text": (c.text(limits.MAX_STORY_TEXT), True),
                          "attachments": (c.ATTACHMENTS, False),
                          "class_ids": (c.list_of(_ID, limits.MAX_STORY_CLASSES, 1), False),
                          "state": (_STORY_STATE, True),
                          "author_name": (c.text(limits.MAX_AUTHOR_NAME), False),
                          "at_ms": (c.AT_MS, True)},
         frozenset({Part.STORIES}), concerns_rule=_story_concerns,
         defines=(Refers.STORY, "story_id"), rule=_story_rule),
    Kind("story_updated", {"story_id": (_ID, True), "at_ms": (c.AT_MS, True)},
         frozenset({Part.STORIES}),
         fields={"text": c.text(limits.MAX_STORY_TEXT), "attachments": c.ATTACHMENTS,
                 "state": _STORY_STATE, "review_comment": c.text(limits.MAX_REVIEW_COMMENT)},
         refers=(Refers.STORY, "story_id")),
    Kind("story_deleted", {"story_id": (_ID, True), "at_ms": (c.AT_MS, True)},
         frozenset({Part.STORIES}), refers=(Refers.STORY, "story_id")),
    # Messages: a thread with one student's guardians, or a class announcement; append-only.
    Kind("message_sent", {"message_id": (_ID, True), "thread_id": (_ID, True),
                          "student_id": (c.optional(_ID), False),
                          "class_id": (c.optional(_ID), False),
                          "body": (c.text(limits.MAX_MESSAGE_BODY, 1), True),
                          "attachments": (c.ATTACHMENTS, False), "urgent": (c.boolean, False),
                          "send_after_ms": (c.optional(c.AT_MS), False),  # quiet hours
                          "sender": (_PARTY, False),  # staff unless said
                          "guardian_id": (c.optional(_ID), False),
                          "sender_name": (c.text(limits.MAX_AUTHOR_NAME), False),
                          "at_ms": (c.AT_MS, True)},
         frozenset({Part.MESSAGES}), class_key="class_id",
         refers=(Refers.STUDENT, "student_id"), family=("sender", "guardian"),
         defines=(Refers.MESSAGE, "message_id"), rule=_message_rule),
    Kind("message_read", {"message_id": (_ID, True), "reader": (_PARTY, False),
                          "guardian_id": (c.optional(_ID), False), "at_ms": (c.AT_MS, True)},
         frozenset({Part.MESSAGES}), refers=(Refers.MESSAGE, "message_id"),
         family=("reader", "guardian"), rule=_party_rule("reader")),
    # Families: written by the server's portal, pulled by devices, never pushed by one.
    Kind("guardian_linked", {"guardian_id": (_ID, True), "student_id": (_ID, True),
                             "name": (c.text(limits.MAX_AUTHOR_NAME, 1), True),
                             "language": (c.text(limits.MAX_LANGUAGE_TAG), False),
                             "at_ms": (c.AT_MS, True)},
         frozenset({Part.MESSAGES}), writers=frozenset(), refers=(Refers.STUDENT, "student_id"),
         family=True),
    Kind("guardian_unlinked", {"guardian_id": (_ID, True), "student_id": (_ID, True),
                               "at_ms": (c.AT_MS, True)},
         frozenset({Part.MESSAGES}), writers=frozenset(), refers=(Refers.STUDENT, "student_id"),
         family=True),
    # The school's staff as devices know them: the name families see ("Ms Rossi") and the
    # role; written by the server only (its staff table decides), pulled by every device.
    Kind("staff_member", {"staff_id": (_ID, True),
                          "name": (c.text(limits.MAX_AUTHOR_NAME, 1), True),
                          "role": (c.one_of(*STAFF_ROLES), True),
                          "archived": (c.boolean, False), "at_ms": (c.AT_MS, True)},
         frozenset({Part.RECORDS}), writers=frozenset(), record=("staff_id",)),
    # A staff member's PIN verifier (``dojo_protocol.pins``), so a board checks a PIN
    # offline: set by IT on the server, or by the person on their own device (the server
    # refuses it from any other device).
    Kind("staff_pin_set", {"staff_id": (_ID, True), "verifier": (check_verifier, True),
                           "at_ms": (c.AT_MS, True)},
         frozenset({Part.RECORDS}), writers=STAFF_AND_TA, record=("staff_id",)),
)

KINDS: Mapping[str, Kind] = {kind.name: kind for kind in _REGISTRY}
# Kinds whose events are versions of one record each (``Kind.record``).
RECORD_KINDS = frozenset(k.name for k in _REGISTRY if k.record)
# Kinds only the server writes (the new school year's): no device may push them.
SERVER_KINDS = frozenset(k.name for k in _REGISTRY if not k.writers and not k.family)
# Kinds that may name a student, award, post or message instead of a class.
REFERRING_KINDS = frozenset(k.name for k in _REGISTRY
                            if k.refers is not None or k.concerns_rule is not None)

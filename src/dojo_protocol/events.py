"""Event kinds and the payload each must carry; ``validate_payload`` checks one event.

Keys marked * are required; the others may be left out. Unknown top-level keys are
allowed (a newer client may add some) but a ``fields`` object of an ``*_updated`` event
may only name the fields listed, because every client applies them as written.
Ids are UUID strings; ``*_ms`` are Unix milliseconds; sha256 values are 64 lowercase hex.
The lengths below are those of ``dojo_protocol.limits``, which the checks and the app read.

Roster and skills (payloads as the desktop app writes them, see store/projections.py)::

    class_created     class_id*, name* (1..60), year_group (<=60)
    class_updated     class_id*, fields* {name, year_group, archived}
    student_added     student_id*, class_id*, first_name* (1..60), last_name (<=60),
                      avatar ("drawn:N" or "image:<sha256>"), position (int)
    student_updated   student_id*, fields* {first_name, last_name, avatar, archived}
    skill_saved       skill_id*, name* (1..40), icon* (1..40), polarity* (positive|needs_work),
                      points* (1..5 if positive, -5..-1 if needs_work), criteria (<=200),
                      position (int), archived (bool), class_id (id or null: school-wide)
    skills_reordered  skill_ids* (list of ids, <=500)
    award_given       award_id*, student_id*, class_id*, skill_id*, points* (-5..5, not 0),
                      batch_id*, at_ms*, note (<=500)
    award_undone      award_ids* (1..500 ids), at_ms*
    setting_changed   key* (1..64), value* (a JSON document, as text)

Stories, messages and attendance::

    story_posted      story_id*, scope* (class|school|student), class_id (required unless
                      scope is school or class_ids is given), class_ids (1..50 ids: one post
                      to several classes), student_id (required when scope is student),
                      text* (<=10000), attachments (<=20 sha256), state* (draft|pending|
                      published|returned), author_name (<=120), at_ms*
    story_updated     story_id*, fields* {text, attachments, state, review_comment (<=1000)},
                      at_ms*                               (a teacher approves or returns)
    story_deleted     story_id*, at_ms*                    (delete wins over any update)
    message_sent      message_id*, thread_id*, student_id or class_id (one of the two: a
                      thread with one student's guardians, or a class broadcast),
                      body* (1..5000), attachments (<=20 sha256), urgent (bool),
                      send_after_ms (ms or null: quiet hours), sender (staff|guardian,
                      default staff), guardian_id (required when sender is guardian),
                      sender_name (<=120), at_ms*
    message_read      message_id*, reader (staff|guardian, default staff), guardian_id
                      (required when reader is guardian), at_ms*   (a receipt: its own event)
    attendance_marked student_id*, class_id*, date* (YYYY-MM-DD), status* (present|absent|
                      late|left_early), at_ms*              (last writer wins per student+date)

Families (written by the server's portal, pulled by devices, never pushed by one)::

    guardian_linked   guardian_id*, student_id*, name* (1..120), language (<=16), at_ms*
    guardian_unlinked guardian_id*, student_id*, at_ms*

A message or receipt whose sender or reader is ``guardian`` is also the portal's alone:
``family_authored`` tells the server to refuse such events from a device.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from dojo_protocol import limits
from dojo_protocol.hlc import HLC_PATTERN, HLC_PROBLEM, is_hlc

Check = Callable[[Any], str | None]

_SHA256 = re.compile(r"[0-9a-f]{64}")
_AVATAR = re.compile(r"drawn:\d{1,4}|image:[0-9a-f]{64}")
# The spelling ``str(uuid)`` writes. ``uuid.UUID`` also takes others (braces, "urn:uuid:",
# hyphens anywhere), so text that does not match is still asked of it.
_CANONICAL_UUID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_canonical_uuid = _CANONICAL_UUID.fullmatch
_UUID_LINES = re.compile(rf"{_CANONICAL_UUID.pattern}(?:\n{_CANONICAL_UUID.pattern}){{4}}")
_five_canonical_uuids = _UUID_LINES.fullmatch


def all_uuids(values: Sequence[str]) -> bool:
    """True if every one of ``values`` is a UUID written the usual way (one match for
    all); False means "ask :func:`is_uuid` of each"."""
    return _all_lines(values, _CANONICAL_UUID.pattern)


def all_hlcs(values: Sequence[str]) -> bool:
    """True if :func:`validate_hlc` passes every one of ``values`` (one match for all)."""
    return _all_lines(values, HLC_PATTERN)


@functools.cache
def _lines_of(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{pattern}\n)*{pattern}")


def _all_lines(values: Sequence[str], pattern: str) -> bool:
    if not values or not all(isinstance(value, str) for value in values):
        return False
    text = "\n".join(values)
    # A line break inside a value would split it into two lines that might each match.
    return text.count("\n") == len(values) - 1 and bool(_lines_of(pattern).fullmatch(text))


def is_uuid(value: Any) -> bool:
    """True for a 36-character string that ``uuid.UUID`` accepts."""
    if not isinstance(value, str) or len(value) != 36:
        return False
    if _canonical_uuid(value):  # the usual case, without building a UUID object
        return True
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _id(value: Any) -> str | None:
    return None if is_uuid(value) else "must be a UUID string"


def _text(max_len: int, min_len: int = 0) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return "must be text"
        if len(value.strip()) < min_len:
            return "must not be empty"
        return f"must be at most {max_len} characters" if len(value) > max_len else None
    return check


def _int(low: int = -(2**62), high: int = 2**62) -> Check:
    def check(value: Any) -> str | None:
        if type(value) is not int:
            return "must be a whole number"
        return None if low <= value <= high else f"must be between {low} and {high}"
    return check


def _bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _one_of(*choices: str) -> Check:
    def check(value: Any) -> str | None:
        return None if value in choices else f"must be one of {', '.join(choices)}"
    return check


def _matches(pattern: re.Pattern[str], what: str) -> Check:
    def check(value: Any) -> str | None:
        ok = isinstance(value, str) and pattern.fullmatch(value)
        return None if ok else f"must be {what}"
    return check


def _list_of(item: Check, max_len: int, min_len: int = 0) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return "must be a list"
        if not min_len <= len(value) <= max_len:
            return f"must list {min_len} to {max_len} items"
        for element in value:
            problem = item(element)
            if problem:
                return f"has an item that {problem}"
        return None
    return check


def _optional(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


def _json_text(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) > limits.MAX_SETTING_VALUE:
        return f"must be a JSON document as text (at most {limits.MAX_SETTING_VALUE} characters)"
    try:
        json.loads(value)
    except ValueError:
        return "must be a JSON document as text"
    return None


def _date(value: Any) -> str | None:
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return "must be a date written YYYY-MM-DD"
    return None if len(value) == 10 else "must be a date written YYYY-MM-DD"


_MS = _int(0)
_SHA = _matches(_SHA256, "a sha256 in lowercase hex")
_ATTACHMENTS = _list_of(_SHA, limits.MAX_ATTACHMENTS)
_POINTS = _int(limits.MIN_POINTS, limits.MAX_POINTS)
_STORY_STATE = _one_of("draft", "pending", "published", "returned")
_PARTY = _one_of("staff", "guardian")

# kind -> {key: (check, required)}
_SPECS: dict[str, dict[str, tuple[Check, bool]]] = {
    "class_created": {"class_id": (_id, True), "name": (_text(limits.MAX_CLASS_NAME, 1), True),
                      "year_group": (_text(limits.MAX_YEAR_GROUP), False)},
    "class_updated": {"class_id": (_id, True)},
    "student_added": {"student_id": (_id, True), "class_id": (_id, True),
                      "first_name": (_text(limits.MAX_PERSON_NAME, 1), True),
                      "last_name": (_text(limits.MAX_PERSON_NAME), False),
                      "avatar": (_matches(_AVATAR, "drawn:N or image:<sha256>"), False),
                      "position": (_int(), False)},
    "student_updated": {"student_id": (_id, True)},
    "skill_saved": {"skill_id": (_id, True), "name": (_text(limits.MAX_SKILL_NAME, 1), True),
                    "icon": (_text(limits.MAX_SKILL_ICON, 1), True),
                    "polarity": (_one_of("positive", "needs_work"), True),
                    "points": (_POINTS, True), "criteria": (_text(limits.MAX_CRITERIA), False),
                    "position": (_int(), False), "archived": (_bool, False),
                    "class_id": (_optional(_id), False)},
    "skills_reordered": {"skill_ids": (_list_of(_id, limits.MAX_IDS_PER_EVENT), True)},
    "award_given": {"award_id": (_id, True), "student_id": (_id, True),
                    "class_id": (_id, True), "skill_id": (_id, True),
                    "points": (_POINTS, True), "batch_id": (_id, True), "at_ms": (_MS, True),
                    "note": (_text(limits.MAX_AWARD_NOTE), False)},
    "award_undone": {"award_ids": (_list_of(_id, limits.MAX_IDS_PER_EVENT, 1), True),
                     "at_ms": (_MS, True)},
    "setting_changed": {"key": (_text(limits.MAX_SETTING_KEY, 1), True),
                        "value": (_json_text, True)},
    "story_posted": {"story_id": (_id, True),
                     "scope": (_one_of("class", "school", "student"), True),
                     "class_id": (_optional(_id), False), "student_id": (_optional(_id), False),
                     "text": (_text(limits.MAX_STORY_TEXT), True),
                     "attachments": (_ATTACHMENTS, False),
                     "class_ids": (_list_of(_id, limits.MAX_STORY_CLASSES, 1), False),
                     "state": (_STORY_STATE, True),
                     "author_name": (_text(limits.MAX_AUTHOR_NAME), False),
                     "at_ms": (_MS, True)},
    "story_updated": {"story_id": (_id, True), "at_ms": (_MS, True)},
    "story_deleted": {"story_id": (_id, True), "at_ms": (_MS, True)},
    "message_sent": {"message_id": (_id, True), "thread_id": (_id, True),
                     "student_id": (_optional(_id), False), "class_id": (_optional(_id), False),
                     "body": (_text(limits.MAX_MESSAGE_BODY, 1), True),
                     "attachments": (_ATTACHMENTS, False),
                     "urgent": (_bool, False), "send_after_ms": (_optional(_MS), False),
                     "sender": (_PARTY, False), "guardian_id": (_optional(_id), False),
                     "sender_name": (_text(limits.MAX_AUTHOR_NAME), False), "at_ms": (_MS, True)},
    "message_read": {"message_id": (_id, True), "reader": (_PARTY, False),
                     "guardian_id": (_optional(_id), False), "at_ms": (_MS, True)},
    "attendance_marked": {"student_id": (_id, True), "class_id": (_id, True),
                          "date": (_date, True),
                          "status": (_one_of("present", "absent", "late", "left_early"), True),
                          "at_ms": (_MS, True)},
    "guardian_linked": {"guardian_id": (_id, True), "student_id": (_id, True),
                        "name": (_text(limits.MAX_AUTHOR_NAME, 1), True),
                        "language": (_text(limits.MAX_LANGUAGE_TAG), False),
                        "at_ms": (_MS, True)},
    "guardian_unlinked": {"guardian_id": (_id, True), "student_id": (_id, True),
                          "at_ms": (_MS, True)},
}

# The ``fields`` an update event may change, and how each is checked.
_UPDATABLE: dict[str, dict[str, Check]] = {
    "class_updated": {"name": _text(limits.MAX_CLASS_NAME, 1),
                      "year_group": _text(limits.MAX_YEAR_GROUP), "archived": _bool},
    "student_updated": {"first_name": _text(limits.MAX_PERSON_NAME, 1),
                        "last_name": _text(limits.MAX_PERSON_NAME),
                        "avatar": _matches(_AVATAR, "drawn:N or image:<sha256>"),
                        "archived": _bool},
    "story_updated": {"text": _text(limits.MAX_STORY_TEXT), "attachments": _ATTACHMENTS,
                      "state": _STORY_STATE, "review_comment": _text(limits.MAX_REVIEW_COMMENT)},
}

ALL_KINDS: frozenset[str] = frozenset(_SPECS)
FAMILY_KINDS: frozenset[str] = frozenset({"guardian_linked", "guardian_unlinked"})


def family_authored(kind: str, payload: dict[str, Any]) -> bool:
    """True if only the server's portal may write this event (a family's act or link)."""
    if kind in FAMILY_KINDS:
        return True
    if kind == "message_sent":
        return payload.get("sender") == "guardian"
    if kind == "message_read":
        return payload.get("reader") == "guardian"
    return False


def validate_hlc(packed: str) -> str | None:
    """None if ``packed`` is an HLC as ``Hlc.pack()`` writes it, else the problem."""
    return None if is_hlc(packed) else HLC_PROBLEM


def validate_payload(kind: str, payload: dict[str, Any]) -> str | None:
    """None if ``payload`` is a valid ``kind`` event, else the first problem in words.

    Awards come by the thousand when a device drains its outbox: a valid one is passed by
    a single expression; anything else gets the answer of :func:`validate_payload_in_full`.
    """
    if kind == "award_given" and _plainly_valid_award(payload):
        return None
    return validate_payload_in_full(kind, payload)


def _plainly_valid_award(p: dict[str, Any]) -> bool:
    """True only if every rule for ``award_given`` holds; False means "ask each rule"."""
    try:
        points, at_ms, note = p["points"], p["at_ms"], p.get("note", "")
        # The five ids one per line, matched at once: the line breaks keep each id whole,
        # and join refuses what is not text.
        ids = "\n".join((p["award_id"], p["student_id"], p["class_id"], p["skill_id"],
                         p["batch_id"]))
        return bool(type(points) is int and limits.MIN_POINTS <= points <= limits.MAX_POINTS
                    and points != 0 and type(at_ms) is int and 0 <= at_ms <= 2**62
                    and isinstance(note, str) and len(note) <= limits.MAX_AWARD_NOTE
                    and _five_canonical_uuids(ids))
    except (KeyError, TypeError):  # a key missing, or an id that is not text
        return False


def validate_payload_in_full(kind: str, payload: dict[str, Any]) -> str | None:
    """Like :func:`validate_payload`, rule by rule for every kind."""
    spec = _SPECS.get(kind)
    if spec is None:
        return f"unknown event kind {kind!r}"
    for key, (check, required) in spec.items():
        if key not in payload:
            if required:
                return f"{key} is missing"
            continue
        problem = check(payload[key])
        if problem:
            return f"{key} {problem}"
    if kind in _UPDATABLE:
        problem = _check_fields(payload.get("fields"), _UPDATABLE[kind])
        if problem:
            return problem
    return _cross_field(kind, payload)


def _check_fields(fields: Any, allowed: dict[str, Check]) -> str | None:
    if not isinstance(fields, dict) or not fields:
        return "fields must be an object naming at least one field"
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        return f"fields names unknown fields: {', '.join(map(str, unknown))}"
    for key, value in fields.items():
        problem = allowed[key](value)
        if problem:
            return f"fields.{key} {problem}"
    return None


def _cross_field(kind: str, p: dict[str, Any]) -> str | None:
    if kind == "skill_saved":
        positive = p["polarity"] == "positive"
        if (positive and p["points"] < 1) or (not positive and p["points"] > -1):
            return (f"points must be 1..{limits.MAX_POINTS} for a positive skill and "
                    f"{limits.MIN_POINTS}..-1 for needs-work")
    if kind == "award_given" and p["points"] == 0:
        return "points must not be 0"
    if kind == "story_posted":
        if p["scope"] != "school" and not (p.get("class_id") or p.get("class_ids")):
            return "class_id is missing (needed unless the story is school-wide)"
        if p["scope"] == "student" and not p.get("student_id"):
            return "student_id is missing (needed for a student story)"
    if kind == "message_sent" and not (p.get("student_id") or p.get("class_id")):
        return "student_id or class_id is needed (whose families the message is for)"
    party = p.get("sender") if kind == "message_sent" else p.get("reader")
    if kind in ("message_sent", "message_read") and party == "guardian" \
            and not p.get("guardian_id"):
        return "guardian_id is missing (needed when a guardian wrote or read it)"
    return None

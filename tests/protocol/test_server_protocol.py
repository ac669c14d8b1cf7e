"""The shared wire format: cursors, HLCs and payload rules, against the desktop's shapes."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from pydantic import ValidationError

from dojo_desktop.core import events as desktop_events
from dojo_desktop.core.hlc import Hlc
from dojo_protocol import (
    ALL_KINDS,
    PushRequest,
    decode_cursor,
    encode_cursor,
    validate_hlc,
    validate_payload,
)
from dojo_protocol.cursor import event_tag
from dojo_protocol.events import family_authored
from dojo_protocol.kinds import KINDS
from dojo_server.domain.permissions import permission_problem


def _id() -> str:
    return str(uuid.uuid4())


SHA = "a" * 64
VALID: dict[str, dict[str, Any]] = {
    "class_created": {"class_id": _id(), "name": "4B", "year_group": "Year 4"},
    "class_updated": {"class_id": _id(), "fields": {"name": "4C", "archived": True}},
    "student_added": {"student_id": _id(), "class_id": _id(), "first_name": "Ava",
                      "last_name": "", "avatar": "drawn:3"},
    "student_updated": {"student_id": _id(), "fields": {"avatar": f"image:{SHA}"}},
    "skill_saved": {"skill_id": _id(), "name": "Teamwork", "icon": "team",
                    "polarity": "positive", "points": 2, "criteria": "", "position": 0,
                    "archived": False, "class_id": None},
    "skills_reordered": {"skill_ids": [_id(), _id()]},
    "award_given": {"award_id": _id(), "student_id": _id(), "class_id": _id(),
                    "skill_id": _id(), "points": -1, "batch_id": _id(), "at_ms": 1, "note": ""},
    "award_undone": {"award_ids": [_id()], "at_ms": 5},
    "setting_changed": {"key": "points_period", "value": json.dumps("weekly")},
    "story_posted": {"story_id": _id(), "scope": "class", "class_id": _id(), "text": "Trip!",
                     "attachments": [SHA], "state": "published", "at_ms": 1},
    "story_updated": {"story_id": _id(), "fields": {"state": "published"}, "at_ms": 2},
    "story_deleted": {"story_id": _id(), "at_ms": 3},
    "message_sent": {"message_id": _id(), "thread_id": _id(), "student_id": _id(),
                     "body": "Well done today", "urgent": False, "send_after_ms": None,
                     "at_ms": 1},
    "message_read": {"message_id": _id(), "at_ms": 1},
    "guardian_linked": {"guardian_id": _id(), "student_id": _id(), "name": "Sam Okafor",
                        "language": "ar", "at_ms": 1},
    "guardian_unlinked": {"guardian_id": _id(), "student_id": _id(), "at_ms": 1},
    "attendance_marked": {"student_id": _id(), "class_id": _id(), "date": "2025-03-04",
                          "status": "left_early", "at_ms": 1},
    "target_set": {"student_id": _id(), "class_id": _id(), "scope": "standing", "points": 8,
                   "skill_ids": [_id()], "cleared": False, "at_ms": 1},
    "class_goal_set": {"class_id": _id(), "target": 200, "reward": "Extra playtime",
                       "set_at": 1},
    "class_succeeded": {"class_id": _id(), "successor_id": _id(), "successor_name": "Year 4 Oak",
                        "year_group": "Year 4", "school_year": "2027-2028", "at_ms": 1},
    "class_teacher_assigned": {"class_id": _id(), "staff_id": _id(), "name": "Ms Rivera",
                               "removed": False, "at_ms": 1},

    "staff_member": {"staff_id": _id(), "name": "Ms Rossi", "role": "teacher", "at_ms": 1},
    "staff_pin_set": {"staff_id": _id(), "at_ms": 1, "verifier": (
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
        "n3Yq2cx8h0mJ9k6Xb3pH6w0cQzq3cQ5p0a8tZbWlU1E")},
}


def test_every_kind_has_a_valid_example() -> None:
    assert set(VALID) == ALL_KINDS
    for kind, payload in VALID.items():
        assert validate_payload(kind, payload) is None, kind


@pytest.mark.parametrize(("kind", "change", "problem"), [
    ("award_given", {"points": 0}, "points must not be 0"),
    ("award_given", {"points": True}, "points must be a whole number"),
    ("award_given", {"student_id": "Ava"}, "student_id must be a UUID string"),
    ("skill_saved", {"points": -2}, "points must be 1..5"),
    ("skill_saved", {"polarity": "meh"}, "polarity must be one of positive, needs_work"),
    ("class_updated", {"fields": {"colour": "red"}}, "fields names unknown fields: colour"),
    ("class_updated", {"fields": {}}, "fields must be an object naming at least one field"),
    ("student_updated", {"fields": {"archived": "yes"}}, "fields.archived must be true"),
    ("student_added", {"first_name": "  "}, "first_name must not be empty"),
    ("student_added", {"sourced_id": "x" * 256}, "sourced_id must be at most 255"),
    ("student_added", {"moved_from": "Robins"}, "moved_from must be a UUID string"),
    ("class_created", {"sourced_id": ""}, "sourced_id must not be empty"),
    ("award_undone", {"award_ids": []}, "award_ids must list 1 to 500 items"),
    ("setting_changed", {"value": "{not json"}, "value must be a JSON document"),
    ("story_posted", {"class_id": None}, "class_id is missing"),
    ("story_posted", {"scope": "student"}, "student_id is missing"),
    ("message_sent", {"student_id": None}, "student_id or class_id is needed"),
    ("message_sent", {"sender": "guardian"}, "guardian_id is missing"),
    ("message_read", {"reader": "guardian"}, "guardian_id is missing"),
    ("story_updated", {"fields": {"state": "gone"}}, "fields.state must be one of"),
    ("guardian_linked", {"name": ""}, "name must not be empty"),
    ("attendance_marked", {"date": "4 March"}, "date must be a date written YYYY-MM-DD"),
    ("attendance_marked", {"status": "ill"}, "status must be one of"),
    ("target_set", {"scope": "monday"}, "scope must be standing or a date"),
    ("target_set", {"points": 0}, "points must be 1..100 unless the target is cleared"),
    ("class_goal_set", {"target": 0}, "target must be between 1 and 100000"),
    ("class_goal_set", {"reward": "x" * 121}, "reward must be at most 120 characters"),
])
def test_problems_are_named(kind: str, change: dict[str, Any], problem: str) -> None:
    reason = validate_payload(kind, {**VALID[kind], **change})
    assert reason is not None and reason.startswith(problem), reason


def test_a_child_moved_between_classes_concerns_the_whole_school() -> None:
    """Both classes' devices must hear of a move; only the whole school's devices share
    both (a plain join concerns its class alone)."""
    moved = {**VALID["student_added"], "sourced_id": "p-17", "moved_from": _id()}
    assert validate_payload("student_added", moved) is None
    assert KINDS["student_added"].concerns(moved).class_id is None
    joined = VALID["student_added"]
    assert KINDS["student_added"].concerns(joined).class_id == joined["class_id"]


def test_a_post_to_several_classes_needs_no_single_class() -> None:
    post = {**VALID["story_posted"], "class_id": None, "class_ids": [_id(), _id()]}
    assert validate_payload("story_posted", post) is None


def test_what_a_family_did_is_the_portals_alone() -> None:
    reply = {**VALID["message_sent"], "sender": "guardian", "guardian_id": _id()}
    receipt = {**VALID["message_read"], "reader": "guardian", "guardian_id": _id()}
    assert family_authored("message_sent", reply)
    assert family_authored("message_read", receipt)
    assert family_authored("guardian_linked", VALID["guardian_linked"])
    assert not family_authored("message_sent", VALID["message_sent"])
    assert not family_authored("message_read", {**VALID["message_read"], "reader": "staff"})
    for role in ("teacher", "leader", "admin", "ta"):
        assert permission_problem(role, "message_sent", reply) is not None
        assert permission_problem(role, "guardian_linked", VALID["guardian_linked"])
    assert permission_problem("teacher", "message_sent", VALID["message_sent"]) is None


def test_missing_keys_and_unknown_kinds() -> None:
    assert validate_payload("award_given", {}) == "award_id is missing"
    assert validate_payload("award_gvien", {}) == "unknown event kind 'award_gvien'"
    assert validate_payload("award_undone", {**VALID["award_undone"], "extra": 1}) is None


def test_the_desktop_apps_events_are_valid() -> None:
    hlc = Hlc(1_700_000_000_000, 3, _id())
    event = desktop_events.award_given(
        hlc, award_id=_id(), student_id=_id(), class_id=_id(), skill_id=_id(), points=2,
        batch_id=_id(), at_ms=1_700_000_000_000)
    assert validate_payload(str(event.kind), event.payload) is None
    assert validate_hlc(event.hlc.pack()) is None
    undo = desktop_events.award_undone(hlc, award_ids=[_id()], at_ms=1)
    assert validate_payload(str(undo.kind), undo.payload) is None
    assert {k.value for k in desktop_events.EventKind} <= ALL_KINDS


def test_hlc_format() -> None:
    assert validate_hlc(Hlc(0, 0, "d").pack()) is None
    assert validate_hlc("12-3-d") is not None
    assert validate_hlc(f"{0:015d}-{0:06d}-") is not None


def test_cursors_round_trip_and_refuse_garbage() -> None:
    cursor = encode_cursor("e1", 42)
    assert "=" not in cursor and decode_cursor(cursor) == ("e1", 42, None)
    tagged = encode_cursor("e1", 42, event_tag("0190a0b0-0000-7000-8000-000000000001"))
    assert decode_cursor(tagged).tag == event_tag("0190a0b0-0000-7000-8000-000000000001")
    assert len(decode_cursor(tagged).tag or "") == 8
    for bad in ("", "!!", "e30", encode_cursor("e", 0)[:-3], "bnVsbA"):
        with pytest.raises(ValueError):
            decode_cursor(bad)


def test_a_push_holds_at_most_500_events() -> None:
    event = {"event_id": _id(), "device_id": "d", "seq": 1, "kind": "k", "hlc": "h",
             "payload": {}}
    base = {"protocol_version": 1, "schema_version": "1", "batch_id": "b", "device_id": "d"}
    assert len(PushRequest.model_validate({**base, "events": [event] * 500}).events) == 500
    with pytest.raises(ValidationError):
        PushRequest.model_validate({**base, "events": [event] * 501})

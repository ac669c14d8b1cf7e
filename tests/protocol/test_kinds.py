"""The registry of event kinds: every part of both programs that handles a kind reads it, and
each kind is handled by both apply paths."""

from __future__ import annotations

import pytest

from dojo_desktop.core.events import EventKind
from dojo_desktop.store.projections import APPLIED_KINDS
from dojo_protocol.audience import event_class, referents
from dojo_protocol.events import ALL_KINDS, FAMILY_KINDS, family_authored
from dojo_protocol.kinds import KINDS, RECORD_KINDS, REFERRING_KINDS, SERVER_KINDS, Part, Refers
from dojo_server.domain.permissions import permission_problem
from dojo_server.domain.projections import PROJECTED_KINDS

A, B, S, M = ("00000000-0000-7000-8000-00000000000a", "00000000-0000-7000-8000-00000000000b",
              "00000000-0000-7000-8000-00000000000c", "00000000-0000-7000-8000-00000000000d")


def test_the_apps_names_are_registered_kinds() -> None:
    assert {kind.value for kind in EventKind} <= set(KINDS) == ALL_KINDS


def test_every_kind_is_applied_by_the_app_and_projected_by_the_server() -> None:
    assert set(KINDS) == APPLIED_KINDS
    assert set(KINDS) - RECORD_KINDS <= PROJECTED_KINDS | {"setting_changed",
                                                         "skills_reordered"}


def test_every_kind_changes_a_part_of_the_screens() -> None:
    assert all(kind.changes for kind in KINDS.values())
    assert {part for kind in KINDS.values() for part in kind.changes} == set(Part)


def test_a_record_kind_is_named_by_required_keys_and_changes_its_records() -> None:
    assert RECORD_KINDS
    for name in RECORD_KINDS:
        kind = KINDS[name]
        assert all(kind.keys[key][1] for key in kind.record), name
        assert Part.RECORDS in kind.changes, name
    assert all(Part.RECORDS not in kind.changes for kind in KINDS.values() if not kind.record)


@pytest.mark.parametrize(("kind", "payload", "class_id", "refers"), [
    ("award_given", {"class_id": A, "student_id": S}, A, None),
    ("attendance_marked", {"class_id": A, "student_id": S}, A, None),
    ("class_goal_set", {"class_id": A, "target": 50}, A, None),
    ("skill_saved", {"class_id": None}, None, None),  # a school skill
    ("skill_saved", {"class_id": B}, B, None),
    ("setting_changed", {"key": "period"}, None, None),
    ("award_undone", {"award_ids": [A, B]}, None, (Refers.AWARD, [A, B])),
    ("student_updated", {"student_id": S}, None, (Refers.STUDENT, [S])),
    ("message_sent", {"class_id": A}, A, None),  # an announcement to the class
    ("message_sent", {"class_id": A, "student_id": S}, None, (Refers.STUDENT, [S])),
    ("message_read", {"message_id": M}, None, (Refers.MESSAGE, [M])),
    ("story_posted", {"scope": "class", "class_id": A}, A, None),
    ("story_posted", {"scope": "class", "class_ids": [A, B]}, None, None),
    ("story_posted", {"scope": "school"}, None, None),
    ("story_posted", {"scope": "student", "class_id": A, "student_id": S}, None,
     (Refers.STUDENT, [S])),
    ("story_deleted", {"story_id": M}, None, (Refers.STORY, [M])),
    ("guardian_linked", {"student_id": S}, None, (Refers.STUDENT, [S])),
])
def test_whom_an_event_concerns(kind: str, payload: dict[str, object], class_id: str | None,
                                refers: tuple[Refers, list[str]] | None) -> None:
    assert event_class(kind, payload) == class_id
    assert referents(kind, payload) == refers
    assert (kind in REFERRING_KINDS) or refers is None


def test_a_ta_logs_points_and_attendance_only_and_families_are_the_portals() -> None:
    ta = {kind for kind in KINDS if permission_problem("ta", kind, {}) is None}
    # ... and sets their own PIN on their own device (push checks whose device it is).
    assert ta == {"award_given", "award_undone", "attendance_marked", "staff_pin_set"}
    teacher = {kind for kind in KINDS
               if permission_problem("teacher", kind, {"class_id": B}) is None}
    assert teacher == set(KINDS) - FAMILY_KINDS - SERVER_KINDS
    assert {"guardian_linked", "guardian_unlinked"} == FAMILY_KINDS
    # The new school year's, and staff records: from the server's own tables only.
    assert {"class_succeeded", "class_teacher_assigned", "staff_member"} == SERVER_KINDS
    for role in ("teacher", "leader", "admin", "ta"):
        assert permission_problem(role, "message_sent", {"sender": "guardian"}) is not None
    assert family_authored("message_read", {"reader": "guardian"})
    assert not family_authored("message_read", {"reader": "staff"})
    assert permission_problem("teacher", "made_up", {}) is not None

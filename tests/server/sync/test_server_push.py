"""Push: applied, duplicate, rejected, gaps, role rules, limits."""

from __future__ import annotations

import time
from typing import Any

from server_kit import OTHER_CLASS_ID, STUDENT_ID, Harness, new_uuid
from sqlalchemy import func, select

from dojo_server.db.models import EventRow, RejectedEvent


def _statuses(answer_json: dict[str, object]) -> list[tuple[int, str]]:
    results = answer_json["results"]
    assert isinstance(results, list)
    return [(r["seq"], r["status"]) for r in results]


def _stored(harness: Harness) -> int:
    with harness.db.read() as session:
        count: int = session.scalar(select(func.count()).select_from(EventRow)) or 0
        return count


def test_events_are_applied_in_order(harness: Harness) -> None:
    device = harness.enroll()
    answer = device.push([device.award(), device.award(2), device.award(-1)])
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert _statuses(body) == [(1, "applied"), (2, "applied"), (3, "applied")]
    assert body["last_seq"] == 3
    changes = device.pull_all()
    assert [c["server_seq"] for c in changes] == [1, 2, 3]
    assert [c["payload"]["points"] for c in changes] == [1, 2, -1]


def test_resending_a_batch_is_harmless(harness: Harness) -> None:
    device = harness.enroll()
    events = [device.award(), device.event("award_given", {"points": "lots"}), device.award()]
    batch = new_uuid()
    first = device.push(events, batch_id=batch).json()
    assert _statuses(first) == [(1, "applied"), (2, "rejected"), (3, "applied")]
    second = device.push(events, batch_id=batch).json()
    assert _statuses(second) == [(1, "duplicate"), (2, "rejected"), (3, "duplicate")]
    assert second["results"][1]["reason"] == first["results"][1]["reason"]
    assert second["last_seq"] == 3
    assert _stored(harness) == 2
    # A batch that overlaps the acknowledged part carries on after it.
    third = device.push([events[2], device.award()]).json()
    assert _statuses(third) == [(3, "duplicate"), (4, "applied")]


def test_a_reused_seq_with_another_event_refuses_the_push_from_that_event(
        harness: Harness) -> None:
    """The device's folder was put back from an older copy: it is told its last seq and
    the first event to number again; the events before that one are stored already."""
    device = harness.enroll()
    first, second = device.award(), device.award()
    device.push([first, second])
    answer = device.push([first, device.award(seq=2), device.award(seq=3)])
    assert answer.status_code == 409
    assert {k: answer.json()[k] for k in ("error", "last_seq", "seq")} == {
        "error": "seq_reused", "last_seq": 2, "seq": 2}
    assert _stored(harness) == 2


def test_a_rejected_event_still_advances_last_seq(harness: Harness) -> None:
    device = harness.enroll()
    bad = device.event("award_given", {"award_id": "not-a-uuid"})
    answer = device.push([bad]).json()
    assert _statuses(answer) == [(1, "rejected")]
    assert answer["last_seq"] == 1
    assert _statuses(device.push([device.award()]).json()) == [(2, "applied")]
    with harness.db.read() as session:
        assert session.scalar(select(func.count()).select_from(RejectedEvent)) == 1


def test_reasons_name_the_problem(harness: Harness) -> None:
    device = harness.enroll()
    events = [
        device.event("award_given", {}),
        device.event("teleported", {}),
        {**device.award(), "hlc": "yesterday"},
        {**device.award(), "event_id": "x"},
        {**device.award(), "device_id": new_uuid()},
    ]
    reasons = [r["reason"] for r in device.push(events).json()["results"]]
    assert reasons[0] == "award_id is missing"
    assert "unknown event kind" in reasons[1]
    assert reasons[2].startswith("hlc must be")
    assert reasons[3] == "event_id must be a UUID"
    assert reasons[4] == "the event names another device"


def test_a_clock_stamp_in_other_digits_is_rejected_and_never_handed_out(
        harness: Harness) -> None:
    """"١" is a digit to Python's ``\\d`` and ``int``, but the app's ``Hlc.parse`` reads
    0-9 only: stored, such an event would be dropped by every device that pulled it."""
    device = harness.enroll()
    arabic = str.maketrans("0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667"
                                          "\u0668\u0669")

    def other_digits(event: dict[str, Any], part: int) -> dict[str, Any]:
        parts = event["hlc"].split("-", 2)
        parts[part] = parts[part].translate(arabic)
        return {**event, "hlc": "-".join(parts)}

    bad_counter, good, bad_wall = other_digits(device.award(), 1), device.award(), \
        other_digits(device.award(), 0)
    for batch in ([bad_counter, good], [bad_wall]):  # among well-formed stamps, and alone
        answer = device.push(batch).json()
        assert answer["results"][0]["status"] == "rejected"
        assert answer["results"][0]["reason"] == (
            "hlc must be written as 15 digits (0-9), 6 digits (0-9) and the device id, "
            "joined by '-'")
    assert [c["event_id"] for c in device.pull_all()] == [good["event_id"]]


def test_an_event_id_can_be_applied_only_once(harness: Harness) -> None:
    device = harness.enroll()
    first = device.award()
    copy = {**device.award(), "event_id": first["event_id"]}
    assert _statuses(device.push([first, copy]).json()) == [(1, "applied"), (2, "rejected")]


def test_a_gap_is_refused_and_nothing_is_stored(harness: Harness) -> None:
    device = harness.enroll()
    device.push([device.award()])
    batch = [device.award(seq=2), device.award(seq=4)]
    answer = device.push(batch)
    assert answer.status_code == 409
    assert answer.json()["error"] == "gap"
    assert answer.json()["last_seq"] == 1
    assert _stored(harness) == 1
    resent = device.push([batch[0], device.award(seq=3), batch[1]])
    assert _statuses(resent.json()) == [(2, "applied"), (3, "applied"), (4, "applied")]


def test_a_ta_logs_points_and_attendance_only(harness: Harness) -> None:
    ta = harness.enroll("ta")
    day = time.strftime("%Y-%m-%d")
    allowed = [ta.award(), ta.event("award_undone", {"award_ids": [new_uuid()], "at_ms": 1}),
               ta.event("attendance_marked", {"student_id": STUDENT_ID,
                                              "class_id": OTHER_CLASS_ID, "date": day,
                                              "status": "late", "at_ms": 1})]
    refused = [
        ta.event("message_sent", {"message_id": new_uuid(), "thread_id": new_uuid(),
                                  "student_id": STUDENT_ID, "body": "Hello", "at_ms": 1}),
        ta.event("class_created", {"class_id": new_uuid(), "name": "4B"}),
        ta.event("student_added", {"student_id": new_uuid(), "class_id": OTHER_CLASS_ID,
                                   "first_name": "Ava"}),
        ta.event("skills_reordered", {"skill_ids": []}),
        ta.event("setting_changed", {"key": "timezone", "value": '"UTC"'}),
    ]
    results = ta.push(allowed + refused).json()["results"]
    assert [r["status"] for r in results] == ["applied"] * 3 + ["rejected"] * 5
    assert all("a ta device may not push" in r["reason"] for r in results[3:])
    teacher = harness.enroll("teacher")
    again = [teacher.event(e["kind"], e["payload"]) for e in refused]
    assert {r["status"] for r in teacher.push(again).json()["results"]} == {"applied"}


def test_a_class_scoped_device_records_for_its_class_only(harness: Harness) -> None:
    device = harness.enroll("ta", class_id=OTHER_CLASS_ID)
    results = device.push([device.award(class_id=OTHER_CLASS_ID), device.award()]).json()
    assert [r["status"] for r in results["results"]] == ["applied", "rejected"]


def test_the_clock_skew_is_reported(harness: Harness) -> None:
    device = harness.enroll()
    ahead = int(time.time() * 1000) + 600_000
    body = device.push([device.award()], headers={"X-Client-Time-Ms": str(ahead)}).json()
    assert 590_000 < body["clock_skew_ms"] <= 600_000
    assert abs(body["server_time_ms"] - time.time() * 1000) < 5000
    assert device.push([]).json()["clock_skew_ms"] == 0


def test_another_protocol_version_is_told_to_upgrade(harness: Harness) -> None:
    device = harness.enroll()
    old = device.push([device.award()], protocol_version=0)
    assert old.status_code == 426
    assert old.json()["error"] == "upgrade_required"
    newer = device.push([{"something": "else"}], protocol_version=2)
    assert newer.status_code == 426
    assert "update the server" in newer.json()["message"]


def test_limits_answer_413(harness: Harness) -> None:
    device = harness.enroll()
    too_many = device.push([device.award(seq=i) for i in range(1, 502)])
    assert too_many.status_code == 413
    assert too_many.json()["error"] == "too_large"
    huge = device.award()
    huge["payload"]["note"] = "x" * (3 * 1024 * 1024)
    assert device.push([huge]).status_code == 413
    assert device.push([device.award(seq=1)]).status_code == 200


def test_the_idempotency_key_must_match_the_batch(harness: Harness) -> None:
    device = harness.enroll()
    answer = device.push([device.award()], batch_id="b1", headers={"Idempotency-Key": "b2"})
    assert answer.status_code == 422
    assert _stored(harness) == 0


def test_a_batch_for_another_device_is_refused(harness: Harness) -> None:
    device, other = harness.enroll(), harness.enroll()
    answer = device.push([other.award()], device_id=other.device_id)
    assert answer.status_code == 403
    assert answer.json()["error"] == "wrong_device"

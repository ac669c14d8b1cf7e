"""Who made each pushed event: a personal device's events are its person's, a board's name
one of the school's staff whose role allows the event, and a PIN is set only on one's own
device. Codes made without a person still enroll shared devices as before."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from server_kit import CLASS_ID, STUDENT_ID, Device, Harness, new_uuid

from dojo_protocol.pins import PIN_MEMORY_KIB, PIN_PARALLELISM, PIN_TIME_COST
from dojo_server.domain import enrollment, schools
from dojo_server.sync.authorship import NOT_OUR_STAFF, NOT_THIS_PERSON, OWN_PIN_ONLY

VERIFIER = PasswordHasher(time_cost=PIN_TIME_COST, memory_cost=PIN_MEMORY_KIB,
                          parallelism=PIN_PARALLELISM).hash("2468")


def _staff(harness: Harness, name: str, email: str, role: str) -> str:
    return schools.add_staff(harness.db, harness.school_id, name, email, role,
                             "correct horse battery")


def _enroll_for(harness: Harness, email: str) -> tuple[Device, dict[str, Any]]:
    code = enrollment.create_code(harness.db, harness.school_id, None, for_staff=email)
    body = {"code": code, "device_id": new_uuid(), "device_name": "Ms Rossi's laptop",
            "client_version": "0.1.0"}
    answer = httpx.post(f"{harness.url}/v1/devices/enroll", json=body, timeout=10)
    assert answer.status_code == 200, answer.text
    data = answer.json()
    return Device(harness.url, data["device_id"], data["token"], data["school_id"],
                  data["role"]), data


def _results(device: Device, *events: dict[str, Any]) -> list[tuple[str, str]]:
    answer = device.push(list(events))
    assert answer.status_code == 200, answer.text
    return [(r["status"], r["reason"]) for r in answer.json()["results"]]


def _award(device: Device, by: str | None = None) -> dict[str, Any]:
    event = device.award()
    if by is not None:
        event["payload"]["by"] = by
    return event


def _message(device: Device, by: str) -> dict[str, Any]:
    return device.event("message_sent", {
        "message_id": new_uuid(), "thread_id": new_uuid(), "student_id": STUDENT_ID,
        "body": "Well done today", "by": by, "at_ms": 1})


def _pin(device: Device, staff_id: str) -> dict[str, Any]:
    return device.event("staff_pin_set", {"staff_id": staff_id, "verifier": VERIFIER,
                                          "at_ms": 1})


@pytest.fixture
def staff(harness: Harness) -> dict[str, str]:
    return {"rossi": _staff(harness, "Maria Rossi", "rossi@school.example", "teacher"),
            "okafor": _staff(harness, "Ben Okafor", "okafor@school.example", "teacher"),
            "taylor": _staff(harness, "Sam Taylor", "taylor@school.example", "ta")}


def test_a_personal_device_records_only_as_its_person(harness: Harness,
                                                      staff: dict[str, str]) -> None:
    laptop, answer = _enroll_for(harness, "Rossi@School.example")
    assert (answer["staff_id"], answer["role"]) == (staff["rossi"], "teacher")
    assert _results(laptop, _award(laptop, staff["rossi"]), _award(laptop),
                    _award(laptop, staff["okafor"])) == [
        ("applied", ""), ("applied", ""), ("rejected", NOT_THIS_PERSON)]
    assert _results(laptop, _pin(laptop, staff["rossi"]), _pin(laptop, staff["okafor"])) == [
        ("applied", ""), ("rejected", OWN_PIN_ONLY)]


def test_a_boards_events_name_one_of_the_schools_staff_whose_role_allows_them(
        harness: Harness, staff: dict[str, str]) -> None:
    board = harness.enroll("teacher", CLASS_ID)
    elsewhere = schools.create_school(harness.db, "Other School", "UTC")
    stranger = schools.add_staff(harness.db, elsewhere, "Ann Other", "ann@other.example",
                                 "teacher", "correct horse battery")
    results = _results(board, _award(board), _award(board, staff["rossi"]),
                       _award(board, staff["taylor"]), _award(board, stranger),
                       _award(board, new_uuid()), _message(board, staff["okafor"]),
                       _message(board, staff["taylor"]), _pin(board, staff["rossi"]))
    assert [status for status, _ in results] == [
        "applied", "applied", "applied", "rejected", "rejected", "applied", "rejected",
        "rejected"]
    assert results[3][1] == results[4][1] == NOT_OUR_STAFF
    assert "ta device may not push message_sent" in results[6][1]
    assert results[7][1] == OWN_PIN_ONLY


def test_only_the_server_writes_staff_records_and_by_must_be_an_id(
        harness: Harness, staff: dict[str, str]) -> None:
    board = harness.enroll("admin")
    record = board.event("staff_member", {"staff_id": staff["rossi"], "name": "Head",
                                          "role": "admin", "at_ms": 1})
    bad_by = _award(board, "Ms Rossi")
    (record_result, by_result) = _results(board, record, bad_by)
    assert record_result[0] == by_result[0] == "rejected"
    assert "may not push staff_member" in record_result[1]
    assert by_result[1] == "by must be the staff id of who made it"


def test_a_code_for_a_person_takes_their_role(harness: Harness, staff: dict[str, str]) -> None:
    with pytest.raises(schools.AdminError, match="is a ta"):
        enrollment.create_code(harness.db, harness.school_id, "teacher",
                               for_staff="taylor@school.example")
    with pytest.raises(schools.AdminError, match="no member of staff"):
        enrollment.create_code(harness.db, harness.school_id, None,
                               for_staff="nobody@school.example")
    with pytest.raises(schools.AdminError, match="role"):
        enrollment.create_code(harness.db, harness.school_id, None)
    shared = harness.enroll("teacher", CLASS_ID)  # a code as before: a room's board
    assert _results(shared, _award(shared)) == [("applied", "")]

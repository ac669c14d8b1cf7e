"""Enrollment with one-time codes, and the health check."""

from __future__ import annotations

import httpx
from server_kit import Harness, new_uuid
from sqlalchemy import update

from dojo_protocol.models import PROTOCOL_VERSION
from dojo_server.db.models import EnrollmentCode
from dojo_server.domain.auth import hash_secret
from dojo_server.domain.enrollment import CODE_ALPHABET, create_code, normalize_code
from dojo_server.domain.schools import create_school


def _enroll(harness: Harness, code: str, device_id: str | None = None,
            client_version: str = "0.1.0", protocol_version: int | None = None,
            ) -> httpx.Response:
    return httpx.post(f"{harness.url}/v1/devices/enroll", json={
        "code": code, "device_id": device_id or new_uuid(), "device_name": "Room 4 board",
        "client_version": client_version, "protocol_version": protocol_version})


def test_health_needs_no_token(harness: Harness) -> None:
    answer = httpx.get(f"{harness.url}/v1/health")
    assert answer.status_code == 200
    body = answer.json()
    assert body["protocol_version"] == PROTOCOL_VERSION
    assert body["epoch"] and body["min_client_version"] == "0.1.0"
    assert body["server_time_ms"] > 1_600_000_000_000


def test_a_code_enrolls_one_device_once(harness: Harness) -> None:
    code = harness.code("ta", class_id="0190a0b0-0000-7000-8000-000000000001")
    assert len(code) == 9 and code[4] == "-"
    assert all(c in CODE_ALPHABET for c in code.replace("-", ""))
    device_id = new_uuid()
    first = _enroll(harness, code, device_id)
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["device_id"] == device_id and body["role"] == "ta"
    assert body["school_id"] == harness.school_id
    assert body["class_id"] == "0190a0b0-0000-7000-8000-000000000001"
    assert len(body["token"]) >= 43  # 256 bits in URL-safe base64
    assert body["epoch"] == httpx.get(f"{harness.url}/v1/health").json()["epoch"]
    again = _enroll(harness, code)
    assert again.status_code == 403
    assert again.json()["error"] == "bad_code"


def test_codes_forgive_case_dashes_and_lookalikes(harness: Harness) -> None:
    code = harness.code()
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert normalize_code(typed) == code.replace("-", "")
    assert _enroll(harness, typed).status_code == 200


def test_wrong_and_expired_codes_are_refused(harness: Harness) -> None:
    wrong = _enroll(harness, "ABCD-EFGH")
    assert wrong.status_code == 403 and wrong.json()["error"] == "bad_code"
    assert "not right" in wrong.json()["message"]
    code = harness.code()
    with harness.db.write() as session:
        session.execute(update(EnrollmentCode)
                        .where(EnrollmentCode.code_hash == hash_secret(code.replace("-", "")))
                        .values(expires_ms=1))
    expired = _enroll(harness, code)
    assert expired.status_code == 403 and "expired" in expired.json()["message"]


def test_an_old_client_of_this_protocol_enrolls_another_protocol_is_told_to_upgrade(
        harness: Harness) -> None:
    old = _enroll(harness, harness.code(), client_version="0.0.9",
                  protocol_version=PROTOCOL_VERSION)
    assert old.status_code == 200, "min_client_version is advice: /health carries it"
    other = _enroll(harness, harness.code(), protocol_version=PROTOCOL_VERSION + 1)
    assert other.status_code == 426
    assert other.json()["error"] == "upgrade_required"


def test_a_deployment_code_enrolls_as_many_pcs_as_it_allows(harness: Harness) -> None:
    code = create_code(harness.db, harness.school_id, "teacher", max_uses=3)
    assert [_enroll(harness, code).status_code for _ in range(4)] == [200, 200, 200, 403]


def test_a_device_that_lost_the_answer_may_present_its_code_again(harness: Harness) -> None:
    code, device_id = harness.code(), new_uuid()
    first = _enroll(harness, code, device_id)
    again = _enroll(harness, code, device_id)
    assert again.status_code == 200, again.text
    assert again.json()["token"] != first.json()["token"]
    assert _enroll(harness, code).status_code == 403, "another device may not use it"
    with harness.db.write() as session:
        session.execute(update(EnrollmentCode)
                        .where(EnrollmentCode.code_hash == hash_secret(code.replace("-", "")))
                        .values(last_used_ms=1))
    late = _enroll(harness, code, device_id)
    assert late.status_code == 403, "only for a few minutes after it was used"


def test_the_device_id_must_be_a_uuid(harness: Harness) -> None:
    answer = _enroll(harness, harness.code(), device_id="board-1")
    assert answer.status_code == 422
    assert answer.json()["error"] == "invalid_request"


def test_enrolling_again_keeps_last_seq_and_replaces_the_token(harness: Harness) -> None:
    device = harness.enroll()
    assert device.push([device.award(), device.award()]).json()["last_seq"] == 2
    again = harness.enroll(device_id=device.device_id)
    assert device.pull().status_code == 401  # the old token is gone
    assert again.pull().json()["last_seq"] == 2


def test_a_device_enrolled_at_another_school_is_refused(harness: Harness) -> None:
    device = harness.enroll()
    other_school = create_school(harness.db, "Riverside")
    answer = _enroll(harness, harness.code(school_id=other_school), device.device_id)
    assert answer.status_code == 409
    assert answer.json()["error"] == "device_conflict"

"""A device's computer: remembered from enrollment, another one refused with
``other_computer``; a copy enrolls anew, replacing the device it was copied from."""

from __future__ import annotations

from typing import Any

import httpx
from server_kit import Device, Harness, new_uuid
from sqlalchemy import select

from dojo_protocol.models import MACHINE_HEADER, OTHER_COMPUTER
from dojo_server.db.models import DeviceRow, EnrollmentCode
from dojo_server.domain.auth import hash_secret
from dojo_server.domain.enrollment import normalize_code

FIRST, SECOND = "a" * 64, "b" * 64


def enroll(harness: Harness, code: str, device_id: str, machine: str | None,
           replaces: str | None = None) -> httpx.Response:
    body: dict[str, Any] = {"code": code, "device_id": device_id, "device_name": "board",
                            "client_version": "0.1.0", "machine": machine,
                            "replaces": replaces}
    return httpx.post(f"{harness.url}/v1/devices/enroll", json=body, timeout=10)


def pull(harness: Harness, token: str, machine: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"}
    if machine:
        headers[MACHINE_HEADER] = machine
    return httpx.get(f"{harness.url}/v1/sync/pull", params={"cursor": ""}, headers=headers,
                     timeout=10)


def device_row(harness: Harness, device_id: str) -> DeviceRow:
    with harness.db.read() as session:
        row = session.get(DeviceRow, device_id)
        assert row is not None
        session.expunge(row)
        return row


def test_a_device_is_refused_from_another_computer_than_it_enrolled_from(
        harness: Harness) -> None:
    device_id = new_uuid()
    token = enroll(harness, harness.code(), device_id, FIRST).json()["token"]
    assert pull(harness, token, FIRST).status_code == 200
    assert pull(harness, token, None).status_code == 200  # an app that sends none
    refused = pull(harness, token, SECOND)
    assert refused.status_code == 403
    assert refused.json()["error"] == OTHER_COMPUTER
    assert "copied from another computer" in refused.json()["message"]


def test_a_device_enrolled_without_a_computer_keeps_the_first_one_it_names(
        harness: Harness) -> None:
    device = harness.enroll()  # as an app from before computers were told apart
    assert pull(harness, device.token, FIRST).status_code == 200
    assert device_row(harness, device.device_id).machine == FIRST
    assert pull(harness, device.token, SECOND).json()["error"] == OTHER_COMPUTER


def test_enrolling_a_device_again_from_another_computer_is_refused_and_uses_no_code(
        harness: Harness) -> None:
    """Taking the device's token would cut its first computer off."""
    device_id = new_uuid()
    token = enroll(harness, harness.code(), device_id, FIRST).json()["token"]
    code = harness.code()
    refused = enroll(harness, code, device_id, SECOND)
    assert refused.status_code == 409 and refused.json()["error"] == OTHER_COMPUTER
    with harness.db.read() as session:
        uses = session.scalar(select(EnrollmentCode.use_count).where(
            EnrollmentCode.code_hash == hash_secret(normalize_code(code))))
    assert uses == 0
    assert pull(harness, token, FIRST).status_code == 200  # the first computer syncs on
    copy_id = new_uuid()
    again = enroll(harness, code, copy_id, SECOND, replaces=device_id)
    assert again.status_code == 200, again.text
    assert device_row(harness, copy_id).copied_from == device_id
    # Enrolling again from its own computer is as before.
    assert enroll(harness, harness.code(), device_id, FIRST).status_code == 200


def test_a_copy_replaces_only_a_device_of_its_own_school(harness: Harness) -> None:
    from dojo_server.domain.schools import create_school

    other_school = create_school(harness.db, "Riverside", "Europe/London")
    stranger = new_uuid()
    assert enroll(harness, harness.code(school_id=other_school), stranger,
                  FIRST).status_code == 200
    copy_id = new_uuid()
    assert enroll(harness, harness.code(), copy_id, SECOND, replaces=stranger).status_code == 200
    assert device_row(harness, copy_id).copied_from is None


def test_events_the_copied_device_stored_are_duplicates_for_its_copy(
        harness: Harness) -> None:
    first = harness.enroll()
    carried = first.award()
    assert first.push([carried]).json()["results"][0]["status"] == "applied"
    copy_id = new_uuid()
    body = enroll(harness, harness.code(), copy_id, SECOND, replaces=first.device_id).json()
    copy = Device(harness.url, copy_id, body["token"], body["school_id"], body["role"])
    events = [{**carried, "device_id": copy_id, "seq": 1},
              {**first.award(), "device_id": copy_id, "seq": 2}]
    answer = copy.push(events).json()
    copy.close()
    assert [(r["seq"], r["status"]) for r in answer["results"]] == [
        (1, "duplicate"), (2, "applied")]
    # A device that is no copy is refused another device's event id, as before.
    stranger = harness.enroll()
    refused = stranger.push([{**carried, "device_id": stranger.device_id, "seq": 1}]).json()
    assert refused["results"][0]["status"] == "rejected"


def test_events_a_copy_stored_first_are_duplicates_for_the_device_it_was_copied_from(
        harness: Harness) -> None:
    """The copy paired again and sent what both folders held before the first computer
    did: the first computer's push of them is answered duplicate, not refused."""
    first = harness.enroll()
    carried = first.award()
    copy_id = new_uuid()
    body = enroll(harness, harness.code(), copy_id, SECOND, replaces=first.device_id).json()
    copy = Device(harness.url, copy_id, body["token"], body["school_id"], body["role"])
    answer = copy.push([{**carried, "device_id": copy_id, "seq": 1}]).json()
    copy.close()
    assert answer["results"][0]["status"] == "applied"
    assert [r["status"] for r in first.push([carried, first.award()]).json()["results"]] == [
        "duplicate", "applied"]

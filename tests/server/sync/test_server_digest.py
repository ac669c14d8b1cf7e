"""GET /v1/sync/digest: each class's award count and digest as of the device's cursor."""

from __future__ import annotations

from typing import Any

from server_kit import CLASS_ID, OTHER_CLASS_ID, Device, Harness

from dojo_protocol.cursor import decode_cursor, encode_cursor
from dojo_protocol.digest import DIGEST_FORMAT, ClassDigest
from dojo_server.sync.epoch import new_epoch


def digests(device: Device, cursor: str) -> dict[str, ClassDigest]:
    answer = device.http.get("/v1/sync/digest", params={"cursor": cursor})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["format"] == DIGEST_FORMAT and body["cursor"] == cursor
    return {c["class_id"]: ClassDigest.parse(c["count"], c["digest"]) for c in body["classes"]}


def award_ids(events: list[dict[str, Any]]) -> list[str]:
    return [e["payload"]["award_id"] for e in events if e["kind"] == "award_given"]


def caught_up(device: Device, cursor: str = "") -> str:
    while True:
        body = device.pull(cursor, limit=1000).json()
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return cursor


def test_an_award_after_the_cursor_does_not_count(harness: Harness) -> None:
    office, board = harness.enroll("leader"), harness.enroll()
    early = [office.award() for _ in range(3)]
    assert office.push(early).status_code == 200
    cursor = caught_up(board)
    late = [office.award() for _ in range(2)]
    assert office.push(late).status_code == 200

    assert digests(board, cursor) == {CLASS_ID: ClassDigest.of(award_ids(early))}
    newer = caught_up(board, cursor)
    assert decode_cursor(newer).seq == 5
    assert digests(board, newer) == {CLASS_ID: ClassDigest.of(award_ids(early + late))}
    # Back to the older cursor: the class's kept digest, the later awards taken out.
    assert digests(board, cursor) == {CLASS_ID: ClassDigest.of(award_ids(early))}
    undo = office.event("award_undone", {"award_ids": award_ids(early)[:1]})
    assert office.push([undo]).status_code == 200
    assert digests(board, caught_up(board, newer)) == digests(board, newer), \
        "an undone award still counts"


def test_the_askers_own_awards_count_before_its_cursor_passes_them(harness: Harness) -> None:
    office, board = harness.enroll("leader"), harness.enroll()
    theirs = [office.award()]
    assert office.push(theirs).status_code == 200
    cursor = caught_up(board)
    mine = [board.award()]
    assert board.push(mine).status_code == 200
    later = [office.award()]
    assert office.push(later).status_code == 200

    assert digests(board, cursor) == {CLASS_ID: ClassDigest.of(award_ids(theirs + mine))}
    assert digests(office, cursor) == {CLASS_ID: ClassDigest.of(award_ids(theirs + later))}


def test_a_class_device_sees_its_class_and_a_school_device_every_class(
        harness: Harness) -> None:
    office = harness.enroll("leader")
    board = harness.enroll(class_id=CLASS_ID)
    empty_board = harness.enroll(class_id="0190a0b0-0000-7000-8000-00000000ffff")
    ours = [office.award(class_id=CLASS_ID) for _ in range(2)]
    others = [office.award(class_id=OTHER_CLASS_ID) for _ in range(3)]
    assert office.push(ours + others).status_code == 200

    assert digests(board, caught_up(board)) == {CLASS_ID: ClassDigest.of(award_ids(ours))}
    assert digests(office, caught_up(office)) == {
        CLASS_ID: ClassDigest.of(award_ids(ours)),
        OTHER_CLASS_ID: ClassDigest.of(award_ids(others))}
    assert digests(empty_board, caught_up(empty_board)) == {
        "0190a0b0-0000-7000-8000-00000000ffff": ClassDigest()}


def test_a_cursor_of_another_epoch_or_none_at_all_is_refused(harness: Harness) -> None:
    device = harness.enroll()
    device.push([device.award()])
    cursor = caught_up(device)
    garbage = device.http.get("/v1/sync/digest", params={"cursor": "garbage!"})
    assert garbage.status_code == 400 and garbage.json()["error"] == "bad_cursor"
    with harness.db.write() as session:
        epoch = new_epoch(session)
    old = device.http.get("/v1/sync/digest", params={"cursor": cursor})
    assert old.status_code == 410 and old.json()["error"] == "epoch_changed"
    # A cursor beyond what was ever numbered counts what there is.
    assert digests(device, encode_cursor(epoch, 99)) == digests(device, caught_up(device))
    anonymous = device.http.get("/v1/sync/digest", headers={"Authorization": ""})
    assert anonymous.status_code == 401

"""A device that has seen more of the server than it holds proves a restore (410, new epoch)."""

from __future__ import annotations

import threading

import pytest
from server_kit import OTHER_CLASS_ID, Harness

from dojo_protocol.cursor import decode_cursor, encode_cursor, event_tag
from dojo_server.domain.auth import DeviceIdentity
from dojo_server.sync.epoch import read_epoch
from dojo_server.sync.restore_check import Seen, restored

RESTORED = "restored from a backup"


def _proofs(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if RESTORED in r.getMessage()]


def test_cursors_name_the_event_they_stand_on_and_old_ones_still_work(
        harness: Harness) -> None:
    device = harness.enroll()
    device.push([device.award() for _ in range(3)])
    body = device.pull(limit=2).json()
    cursor = decode_cursor(body["next_cursor"])
    assert cursor.seq == 2 and cursor.tag == event_tag(body["changes"][1]["event_id"])
    untagged = encode_cursor(cursor.epoch, 2)  # made by a server from before tags
    answer = device.pull(untagged)
    assert answer.status_code == 200 and len(answer.json()["changes"]) == 1
    assert device.pull(body["next_cursor"], acked=3).status_code == 200
    assert read_epoch(harness.db) == cursor.epoch


def test_a_class_cursor_past_other_classes_names_the_school_s_newest_event(
        harness: Harness) -> None:
    board = harness.enroll()
    board.push([board.award(), board.award(class_id=OTHER_CLASS_ID)])
    other = harness.enroll("teacher", class_id="0190a0b0-0000-7000-8000-000000000001")
    body = other.pull().json()
    cursor = decode_cursor(body["next_cursor"])
    assert len(body["changes"]) == 1 and cursor.seq == 2
    newest = board.pull().json()["changes"][-1]
    assert cursor.tag == event_tag(newest["event_id"])
    assert other.pull(body["next_cursor"]).status_code == 200


@pytest.mark.expected_log(RESTORED)
def test_a_cursor_beyond_or_beside_what_the_server_holds_proves_a_restore(
        harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
    device = harness.enroll()
    device.push([device.award() for _ in range(2)])
    epoch = read_epoch(harness.db)
    beyond = device.pull(encode_cursor(epoch, 9, "00000000"))
    assert beyond.status_code == 410 and beyond.json()["error"] == "epoch_changed"
    assert "newest is 2" in _proofs(caplog)[0]
    epoch = read_epoch(harness.db)
    beside = device.pull(encode_cursor(epoch, 2, event_tag("another event")))
    assert beside.status_code == 410 and "another event" in _proofs(caplog)[1]
    assert len({epoch, read_epoch(harness.db)}) == 2


@pytest.mark.expected_log(RESTORED)
def test_a_push_acknowledged_beyond_the_device_s_last_seq_takes_nothing(
        harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
    device, reader = harness.enroll(), harness.enroll()
    device.push([device.award() for _ in range(2)])
    cursor = reader.pull().json()["next_cursor"]  # the push is the device's first check
    stale = device.push([device.award()], cursor=cursor, acked_seq=5)
    assert stale.status_code == 410
    assert "acknowledged its events up to 5" in _proofs(caplog)[0]
    assert device.pull().json()["last_seq"] == 2, "nothing of the push was taken"
    # The device now knows; its cursor of the old epoch is not checked again.
    again = device.push([device.award(seq=3)], cursor=cursor, acked_seq=5)
    assert again.status_code == 200 and again.json()["last_seq"] == 3
    assert len(_proofs(caplog)) == 1


@pytest.mark.expected_log(RESTORED)
def test_proofs_at_the_same_moment_move_to_one_new_epoch(
        harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
    devices = [harness.enroll() for _ in range(6)]
    old = read_epoch(harness.db)
    start = threading.Barrier(len(devices))

    def prove(device_id: str) -> None:
        identity = DeviceIdentity(device_id, harness.school_id, "teacher", None)
        start.wait()
        restored(harness.db, identity, Seen(old, 50, None), "a test")

    threads = [threading.Thread(target=prove, args=(d.device_id,)) for d in devices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(_proofs(caplog)) == 1
    assert read_epoch(harness.db) != old

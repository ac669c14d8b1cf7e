"""Pull: paging by cursor, long-polling, epochs."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
from server_kit import Harness, pull_in_thread

from dojo_protocol.cursor import decode_cursor, encode_cursor
from dojo_protocol.models import PushRequest, WireEvent
from dojo_server.domain.auth import DeviceIdentity
from dojo_server.sync.epoch import new_epoch
from dojo_server.sync.push import push


def test_pages_follow_the_cursor(harness: Harness) -> None:
    writer, reader = harness.enroll(), harness.enroll()
    writer.push([writer.award() for _ in range(7)])
    first = reader.pull(limit=3).json()
    assert [c["server_seq"] for c in first["changes"]] == [1, 2, 3]
    assert first["has_more"] is True
    assert decode_cursor(first["next_cursor"]).seq == 3
    assert first["last_seq"] == 0  # the reader pushed nothing
    second = reader.pull(first["next_cursor"], limit=3).json()
    third = reader.pull(second["next_cursor"], limit=3).json()
    assert [c["server_seq"] for c in second["changes"]] == [4, 5, 6]
    assert [c["server_seq"] for c in third["changes"]] == [7]
    assert third["has_more"] is False
    empty = reader.pull(third["next_cursor"]).json()
    assert empty["changes"] == [] and empty["next_cursor"] == third["next_cursor"]
    change = third["changes"][0]
    assert change["device_id"] == writer.device_id and change["seq"] == 7
    assert change["kind"] == "award_given"


def test_the_limit_is_checked(harness: Harness) -> None:
    device = harness.enroll()
    assert device.pull(limit=0).status_code == 422
    assert device.pull(limit=5001).status_code == 422
    assert device.pull(wait=31).status_code == 422
    assert device.pull(limit=5000).status_code == 200


def test_a_cursor_the_server_did_not_make_is_refused(harness: Harness) -> None:
    answer = harness.enroll().pull("garbage!")
    assert answer.status_code == 400
    assert answer.json()["error"] == "bad_cursor"


def test_a_restored_server_answers_410(harness: Harness) -> None:
    device = harness.enroll()
    device.push([device.award()])
    cursor = device.pull().json()["next_cursor"]
    with harness.db.write() as session:
        epoch = new_epoch(session)
    answer = device.pull(cursor)
    assert answer.status_code == 410
    assert answer.json()["error"] == "epoch_changed"
    fresh = device.pull().json()
    assert fresh["epoch"] == epoch and len(fresh["changes"]) == 1
    assert device.pull(encode_cursor(epoch, 0)).status_code == 200



def test_a_long_poll_wakes_when_another_device_pushes(harness: Harness) -> None:
    board, laptop = harness.enroll(), harness.enroll("ta")
    cursor = board.pull().json()["next_cursor"]
    thread, out = pull_in_thread(board, cursor, wait=10)
    time.sleep(0.5)
    assert "done" not in out
    assert laptop.push([laptop.award()]).status_code == 200
    pushed = time.monotonic()
    thread.join(5)
    assert [c["device_id"] for c in out["body"]["changes"]] == [laptop.device_id]
    assert out["done"] - pushed < 0.1


def test_a_long_poll_sees_writes_of_other_server_processes(harness: Harness) -> None:
    """A write that does not go through this process's notifier is found by polling."""
    board, laptop = harness.enroll(), harness.enroll()
    thread, out = pull_in_thread(board, "", wait=10)
    time.sleep(0.3)
    identity = DeviceIdentity(laptop.device_id, laptop.school_id, "teacher", None)
    request = PushRequest(protocol_version=1, schema_version="x", batch_id="b",
                          device_id=laptop.device_id,
                          events=[WireEvent.model_validate(laptop.award())])
    push(harness.db, identity, request, None)
    pushed = time.monotonic()
    thread.join(5)
    assert len(out["body"]["changes"]) == 1
    assert out["done"] - pushed < harness.server.settings.poll_interval_s + 0.2


def test_a_long_poll_with_nothing_new_ends_after_wait(harness: Harness) -> None:
    device = harness.enroll()
    started = time.monotonic()
    body = device.pull(wait=0.6).json()
    assert body["changes"] == [] and body["has_more"] is False
    assert 0.6 * 0.75 - 0.05 < time.monotonic() - started < 3  # its wait, less the spread


def test_pushes_of_another_school_do_not_wake_or_reach_a_device(harness: Harness) -> None:
    from dojo_server.domain.schools import create_school

    mine = harness.enroll()
    other = harness.enroll(school_id=create_school(harness.db, "Riverside",
                                                   default_skills=False))
    thread, out = pull_in_thread(mine, "", wait=1)
    time.sleep(0.2)
    other.push([other.award()])
    thread.join(5)
    assert out["body"]["changes"] == []
    assert len(other.pull_all()) == 1


def test_health_epoch_matches_pull(harness: Harness) -> None:
    device = harness.enroll()
    health = httpx.get(f"{harness.url}/v1/health").json()
    assert device.pull().json()["epoch"] == health["epoch"]


def test_one_push_releases_every_waiting_poll_of_the_school(harness: Harness) -> None:
    laptop = harness.enroll("ta")
    boards = [harness.enroll() for _ in range(12)]
    cursor = boards[0].pull().json()["next_cursor"]
    polls = [pull_in_thread(board, cursor, wait=10) for board in boards]
    time.sleep(0.5)
    assert laptop.push([laptop.award()]).status_code == 200
    pushed = time.monotonic()
    for thread, _out in polls:
        thread.join(5)
    for _thread, out in polls:
        assert [c["device_id"] for c in out["body"]["changes"]] == [laptop.device_id]
        assert out["body"]["has_more"] is False
        assert out["done"] - pushed < 1.0
    # They come back at once from where the wave left them, and wait again.
    again = [pull_in_thread(board, out["body"]["next_cursor"], wait=0.5)
             for board, (_t, out) in zip(boards, polls, strict=True)]
    for thread, out in again:
        thread.join(5)
        assert out["body"]["changes"] == []


def test_a_new_epoch_ends_a_waiting_poll_with_410(harness: Harness) -> None:
    device = harness.enroll()
    device.push([device.award()])
    cursor = device.pull().json()["next_cursor"]
    out: dict[str, Any] = {}

    def wait() -> None:
        out["answer"] = device.pull(cursor, wait=10)
        out["done"] = time.monotonic()

    thread = threading.Thread(target=wait)
    thread.start()
    time.sleep(0.5)
    with harness.db.write() as session:
        new_epoch(session)
    changed = time.monotonic()
    thread.join(10)
    assert out["answer"].status_code == 410
    assert out["answer"].json()["error"] == "epoch_changed"
    assert out["done"] - changed < harness.server.settings.poll_interval_s + 1.0

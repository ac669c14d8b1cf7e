"""A server (or a proxy in the way) that answers a push wrongly: each wrong answer ends the
round with a protocol or network error in plain words, after one request, with the award
still waiting; an answer too large or endless is read no further than its limit."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from canned_answers import Answer, cut_off, endless, html, huge, json_answer
from fault_proxy import Fault
from proxied_board import ProxiedBoard

from dojo_desktop.sync.errors import BadResponse, Offline, RetryLater, SyncError
from dojo_desktop.sync.problems import problem_of
from dojo_desktop.sync.transport import HttpTransport
from dojo_protocol import MAX_PUSH_EVENTS
from dojo_protocol.answer_sizes import SMALL_ANSWER_BYTES, push_answer_bytes

MB = 1 << 20


def _socket_buffers() -> int:
    """The most the proxy can have sent past what the device read: the largest receive
    and send buffers the system gives a TCP socket (Linux says; elsewhere, a guess)."""
    try:
        return sum(int(Path(f"/proc/sys/net/ipv4/tcp_{which}").read_text().split()[2])
                   for which in ("rmem", "wmem")) + MB
    except (OSError, ValueError, IndexError):
        return 16 * MB


BUFFERS = _socket_buffers()
TRACEBACK = ('Traceback (most recent call last):\n  File "/srv/dojo/app.py", line 12, in '
             'push\nsqlalchemy.exc.OperationalError: database is locked')



def _results(pairs: list[tuple[int, str]]) -> dict[str, object]:
    return {"results": [{"event_id": event_id, "seq": seq, "status": "applied",
                         "reason": ""} for seq, event_id in pairs],
            "last_seq": 0, "server_time_ms": 1, "clock_skew_ms": 0}


WRONG_ANSWERS: dict[str, tuple[Callable[[list[tuple[int, str]]], Answer], type[SyncError],
                               str]] = {
    "empty results": (lambda _sent: json_answer(200, _results([])), BadResponse,
                      "sync.detail.result_count"),
    "an unknown event": (lambda sent: json_answer(200, _results(
        [(sent[0][0], str(uuid.uuid4()))])), BadResponse, "sync.detail.unknown_result"),
    "one event twice": (lambda sent: json_answer(200, _results(sent + sent)), BadResponse,
                        "sync.detail.doubled_result"),
    "the wrong shape": (lambda _sent: json_answer(200, {"results": "all fine"}), BadResponse,
                        "sync.detail.not_protocol"),
    "an HTML 502": (lambda _sent: html(502, "<html><h1>502 Bad Gateway</h1>nginx</html>"),
                    RetryLater, "sync.detail.status"),
    "a JSON 500 with a traceback": (lambda _sent: json_answer(
        500, {"error": "internal", "message": TRACEBACK}), RetryLater, "sync.detail.status"),
    "a cut-off body": (lambda sent: cut_off(str(_results(sent)).encode()[:71], 10), Offline,
                       "sync.detail.cut_off"),
}


@pytest.mark.parametrize("case", list(WRONG_ANSWERS))
def test_a_wrong_push_answer_is_an_error_after_one_request(proxied: ProxiedBoard,
                                                           case: str) -> None:
    make, error, detail = WRONG_ANSWERS[case]
    sent = proxied.pending()
    # Answered wrongly up to 50 times: a device that sent its push again and again would
    # end too, with the count showing it.
    proxied.switchboard.answer("sync/push", make(sent), times=50)
    pushes = proxied.switchboard.count("sync/push")

    failure = proxied.sync_once()

    assert proxied.switchboard.count("sync/push") - pushes == 1
    assert isinstance(failure, error)
    assert proxied.pending() == sent
    assert failure.detail is not None and failure.detail.id == detail
    problem = problem_of(failure, pushing=True)
    for words in (str(failure), problem.text):
        assert "Traceback" not in words and "IncompleteRead" not in words
        assert "nginx" not in words and "Connection broken" not in words
    if isinstance(failure, RetryLater):
        status = 502 if "502" in case else 500
        assert problem.text == ("The school server is not accepting changes: it answered "
                                f"{status}.")
    proxied.switchboard.pass_all()
    assert proxied.sync_once() is None
    assert proxied.pending() == []


@pytest.mark.parametrize("declared", [True, False], ids=["declared", "until-close"])
def test_a_huge_push_answer_is_read_no_further_than_its_limit(proxied: ProxiedBoard,
                                                              declared: bool) -> None:
    limit = push_answer_bytes(MAX_PUSH_EVENTS)
    proxied.switchboard.answer("sync/push", huge(300 * MB, declared))
    started = time.monotonic()

    failure = proxied.sync_once()

    [exchange] = [e for e in proxied.proxy.log if e.fault is Fault.ANSWER]
    # Declared too large, it is not read at all; else reading stops at the limit.
    assert exchange.bytes_answered < (BUFFERS if declared else limit + BUFFERS)
    assert time.monotonic() - started < 30
    assert isinstance(failure, BadResponse)
    assert failure.detail is not None and failure.detail.id == "sync.detail.too_large"
    assert len(proxied.pending()) == 1


def test_an_endless_push_answer_ends_at_the_limit(proxied: ProxiedBoard) -> None:
    proxied.switchboard.answer("sync/push", endless(give_up_bytes=300 * MB))
    started = time.monotonic()

    failure = proxied.sync_once()

    [exchange] = [e for e in proxied.proxy.log if e.fault is Fault.ANSWER]
    assert exchange.bytes_answered < push_answer_bytes(MAX_PUSH_EVENTS) + BUFFERS
    assert time.monotonic() - started < 10
    assert isinstance(failure, BadResponse)
    assert failure.detail is not None and failure.detail.id == "sync.detail.too_large"


def test_an_answer_that_trickles_on_ends_at_its_deadline(proxied: ProxiedBoard) -> None:
    proxied.switchboard.answer("health", endless(b" ", pause_s=0.05))
    transport = HttpTransport(proxied.proxy.url, answer_time_s=1.0)
    started = time.monotonic()
    try:
        with pytest.raises(BadResponse) as caught:
            transport.health()
    finally:
        transport.close()
    assert caught.value.detail is not None
    assert caught.value.detail.id == "sync.detail.too_slow"
    assert 1.0 <= time.monotonic() - started < 5
    [exchange] = [e for e in proxied.proxy.log if e.fault is Fault.ANSWER]
    assert exchange.bytes_answered < SMALL_ANSWER_BYTES


def test_a_pull_answer_of_the_wrong_shape_is_a_protocol_error(proxied: ProxiedBoard) -> None:
    proxied.switchboard.answer("sync/pull", json_answer(200, {"changes": {}, "has_more": 1}))
    failure = proxied.sync_once()
    assert isinstance(failure, BadResponse)
    assert problem_of(failure, pushing=False).words is not None
    assert proxied.pending() == []  # the push went through before the pull


def test_a_page_that_says_more_but_does_not_move_on_is_a_protocol_error(
        proxied: ProxiedBoard) -> None:
    position = proxied.room.sync.store.position()
    assert position is not None
    [(seq, _event_id)] = proxied.pending()
    proxied.switchboard.answer("sync/pull", json_answer(200, {
        "changes": [], "next_cursor": position.cursor, "has_more": True, "last_seq": seq,
        "epoch": position.epoch, "server_time_ms": 1}), times=50)
    pulls = proxied.switchboard.count("sync/pull")

    failure = proxied.sync_once()

    assert proxied.switchboard.count("sync/pull") - pulls == 1
    assert isinstance(failure, BadResponse)
    assert failure.detail is not None and failure.detail.id == "sync.detail.no_progress"

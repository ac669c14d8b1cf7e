"""What a broken server or a proxy in the way answers: bytes for the fault proxy's
``Fault.ANSWER`` (see fault_proxy.py), head first, each closing the connection after; and
``Switchboard``, the proxy's plan that gives them."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from fault_proxy import PASS, Decision, Fault, Request

Answer = Callable[[], Iterable[bytes]]
PIECE = 1 << 20


def _head(status: int, content_type: str, length: int | None) -> bytes:
    lines = [f"HTTP/1.1 {status} Whatever", f"Content-Type: {content_type}",
             "Connection: close"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def raw(status: int, body: bytes, content_type: str = "application/json") -> Answer:
    """A whole answer with its length."""
    return lambda: [_head(status, content_type, len(body)), body]


def json_answer(status: int, document: object) -> Answer:
    return raw(status, json.dumps(document).encode())


def html(status: int, page: str) -> Answer:
    return raw(status, page.encode(), "text/html")


def cut_off(body: bytes, sent: int) -> Answer:
    """An answer that declares ``body``'s length and stops after ``sent`` bytes of it."""
    return lambda: [_head(200, "application/json", len(body)), body[:sent]]


def huge(size: int, declared: bool) -> Answer:
    """``size`` bytes of a JSON document's start; with or without its length declared
    (without: the body ends when the connection closes)."""

    def pieces() -> Iterator[bytes]:
        yield _head(200, "application/json", size if declared else None)
        left = size
        while left > 0:
            piece = min(PIECE, left)
            yield b'{"results":[' + b" " * (piece - 12) if left == size else b" " * piece
            left -= piece

    return pieces


def endless(piece: bytes = b" " * 65536, pause_s: float = 0.0, *,
            give_up_bytes: int = 64 * PIECE, give_up_s: float = 20.0) -> Answer:
    """A body that does not end: ``piece`` after ``piece``, ``pause_s`` apart, until the
    client hangs up (or, so that a client that never would fails its test instead of
    hanging it, ``give_up_bytes`` or ``give_up_s`` later)."""

    def pieces() -> Iterator[bytes]:
        yield _head(200, "application/json", None)
        yield b'{"results":['
        sent, started = 0, time.monotonic()
        while sent < give_up_bytes and time.monotonic() - started < give_up_s:
            yield piece
            sent += len(piece)
            if pause_s:
                time.sleep(pause_s)

    return pieces


@dataclass
class Switchboard:
    """The proxy's plan: requests to an endpoint get a canned answer instead of the
    server's, ``times`` times (a bound, so that a device that would ask forever ends)."""

    answers: dict[str, tuple[Answer, int]] = field(default_factory=dict)
    asked: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, endpoint: str, answer: Answer, times: int = 1000) -> None:
        with self.lock:
            self.answers[endpoint] = (answer, times)

    def pass_all(self) -> None:
        with self.lock:
            self.answers.clear()

    def count(self, endpoint: str) -> int:
        with self.lock:
            return self.asked.get(endpoint, 0)

    def __call__(self, request: Request) -> Decision:
        with self.lock:
            self.asked[request.endpoint] = self.asked.get(request.endpoint, 0) + 1
            canned = self.answers.get(request.endpoint)
            if canned is None:
                return PASS
            answer, times = canned
            if times <= 1:
                del self.answers[request.endpoint]
            else:
                self.answers[request.endpoint] = (answer, times - 1)
        return Decision(Fault.ANSWER, answer=answer)

"""A fault-injecting HTTP/1.1 proxy on 127.0.0.1, between a real client and a real server.

Every request the client sends is read whole (Content-Length or chunked framing, so
keep-alive connections work as they do against the real server), then a *plan* decides
what happens to it:

- ``PASS``: forwarded, and the server's answer forwarded back.
- ``DELAY``: the same, after sleeping ``delay_s`` with the answer in hand.
- ``DROP``: forwarded; the server's whole answer is read, then the client's connection
  is closed without a byte of it. The server did the work; the client cannot know.
- ``RESET_BEFORE``: the client's connection is reset (RST, via ``SO_LINGER`` 0) before
  the request reaches the server.
- ``RESET_AFTER``: forwarded, the answer read, then the client's connection is reset.
- ``TRUNCATE``: half of the answer is sent, then the connection is closed.
- ``ANSWER``: not forwarded; the proxy answers itself with ``Decision.answer``'s bytes,
  piece by piece (a fake server's answer: a proxy's error page, an endless body ...), then
  closes the connection. ``Exchange.bytes_answered`` counts what the client took.

Each request gets a fresh upstream connection, so a fault on one never leaves a half-read
answer on a connection the next request would reuse.
"""

from __future__ import annotations

import contextlib
import json
import random
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum

MAX_HEAD = 64 * 1024
UPSTREAM_TIMEOUT_S = 60.0


class Fault(Enum):
    PASS = "pass"
    DELAY = "delay"
    DROP = "drop"
    RESET_BEFORE = "reset_before"
    RESET_AFTER = "reset_after"
    TRUNCATE = "truncate"
    ANSWER = "answer"


@dataclass(frozen=True)
class Request:
    """What the plan sees of one request: its number (from 0, in arrival order), line and
    body (as sent: a chunked body keeps its framing)."""

    number: int
    method: str
    path: str
    body: bytes = field(default=b"", repr=False, compare=False)

    @property
    def endpoint(self) -> str:
        """The path without the query and the ``/v1/`` prefix, e.g. ``sync/push``."""
        return self.path.split("?", 1)[0].removeprefix("/v1/")

    def first_seq(self) -> int | None:
        """The ``seq`` of a push's first event; None for anything else."""
        if self.endpoint != "sync/push":
            return None
        try:
            events = json.loads(self.body)["events"]
        except (ValueError, KeyError, TypeError):
            return None
        return int(events[0]["seq"]) if events else None


@dataclass(frozen=True)
class Decision:
    fault: Fault
    delay_s: float = 0.0
    answer: Callable[[], Iterable[bytes]] | None = None  # Fault.ANSWER's bytes, head first


@dataclass
class Exchange:
    """One request through the proxy: what was decided and how far it got."""

    request: Request
    fault: Fault
    sent: bool = False  # the whole request reached the server
    answered: bool = False  # the server's whole answer reached the proxy
    bytes_answered: int = 0  # with Fault.ANSWER: the bytes sent to the client


Plan = Callable[[Request], Decision]
PASS = Decision(Fault.PASS)


class RandomFaults:
    """A seeded plan: each request independently gets a fault with the given odds."""

    def __init__(self, seed: int, *, drop: float = 0.0, delay: float = 0.0,
                 reset: float = 0.0, truncate: float = 0.0, max_delay_s: float = 0.2) -> None:
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._odds = [(Fault.DROP, drop), (Fault.DELAY, delay), (Fault.RESET_BEFORE, reset / 2),
                      (Fault.RESET_AFTER, reset / 2), (Fault.TRUNCATE, truncate)]
        self._max_delay_s = max_delay_s

    def __call__(self, _request: Request) -> Decision:
        with self._lock:
            roll, delay = self._rng.random(), self._rng.uniform(0.0, self._max_delay_s)
        for fault, odds in self._odds:
            if roll < odds:
                return Decision(fault, delay if fault is Fault.DELAY else 0.0)
            roll -= odds
        return PASS


class Scripted:
    """Given decisions for the first requests to ``endpoint`` (in order), then ``then``."""

    def __init__(self, endpoint: str, script: list[Decision], then: Plan) -> None:
        self._endpoint, self._script, self._then = endpoint, list(script), then
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> Decision:
        with self._lock:
            if request.endpoint == self._endpoint and self._script:
                return self._script.pop(0)
        return self._then(request)


class FaultProxy:
    """Listens on 127.0.0.1 (a free port) and forwards to ``upstream_port``.

    ``on_sent`` and ``on_answered`` (if set) are called from the connection's thread when
    a request has reached the server, and when its answer is in the proxy's hands (before
    the fault is applied): a test can act at exactly that moment.
    """

    def __init__(self, upstream_port: int, plan: Plan | None = None,
                 upstream_host: str = "127.0.0.1") -> None:
        self.upstream = (upstream_host, upstream_port)
        self.plan: Plan | None = plan
        self.on_sent: Callable[[Request], None] | None = None
        self.on_answered: Callable[[Request], None] | None = None
        self.log: list[Exchange] = []
        self._lock = threading.Lock()
        self._count = 0
        self.connections = 0  # client connections accepted
        self._closed = False
        self._sockets: set[socket.socket] = set()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port: int = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)
        self._thread.start()

    def stats(self, endpoint: str | None = None) -> Counter[Fault]:
        """How many requests (to ``endpoint``, if given) met each fault."""
        with self._lock:
            return Counter(e.fault for e in self.log
                           if endpoint is None or e.request.endpoint == endpoint)

    def cut_off(self, endpoint: str | None = None) -> list[Exchange]:
        """Requests the server received but never answered (it died, or reset)."""
        with self._lock:
            return [e for e in self.log if e.sent and not e.answered
                    and (endpoint is None or e.request.endpoint == endpoint)]

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            open_sockets = list(self._sockets)
        for sock in open_sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # Internals -------------------------------------------------------------------------

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._track(client)
            with self._lock:
                self.connections += 1
            threading.Thread(target=self._serve, args=(client,), name="fault-proxy-conn",
                             daemon=True).start()

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)

    def _forget(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.discard(sock)
        with contextlib.suppress(OSError):
            sock.close()

    def _decide(self, method: str, path: str, body: bytes) -> tuple[Exchange, Decision]:
        with self._lock:
            request = Request(self._count, method, path, body)
            self._count += 1
        decision = self.plan(request) if self.plan is not None else PASS
        exchange = Exchange(request, decision.fault)
        with self._lock:
            self.log.append(exchange)
        return exchange, decision

    def _serve(self, client: socket.socket) -> None:
        reader = _Reader(client)
        try:
            while True:
                raw = reader.message(request=True)
                if raw is None:
                    return  # the client closed its connection
                method, path = _request_line(raw)
                exchange, decision = self._decide(method, path, raw.partition(b"\r\n\r\n")[2])
                if decision.fault is Fault.RESET_BEFORE:
                    _reset(client)
                    return
                if decision.fault is Fault.ANSWER:
                    assert decision.answer is not None
                    for piece in decision.answer():
                        client.sendall(piece)
                        exchange.bytes_answered += len(piece)
                    return
                answer = self._forward(raw, exchange)
                if decision.fault is Fault.DROP:
                    return  # closed in finally: the answer is thrown away
                if decision.fault is Fault.RESET_AFTER:
                    _reset(client)
                    return
                if decision.fault is Fault.TRUNCATE:
                    client.sendall(answer[:max(1, len(answer) // 2)])
                    return
                if decision.fault is Fault.DELAY:
                    time.sleep(decision.delay_s)
                client.sendall(answer)
                if _closes(answer):
                    return
        except (OSError, ValueError):
            return
        finally:
            self._forget(client)

    def _forward(self, raw: bytes, exchange: Exchange) -> bytes:
        upstream = socket.create_connection(self.upstream, timeout=UPSTREAM_TIMEOUT_S)
        self._track(upstream)
        try:
            upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            upstream.sendall(raw)
            exchange.sent = True
            if self.on_sent is not None:
                self.on_sent(exchange.request)
            answer = _Reader(upstream).message(request=False, method=exchange.request.method)
            if answer is None:
                raise ValueError("the server closed the connection without answering")
            exchange.answered = True
            if self.on_answered is not None:
                self.on_answered(exchange.request)
            return answer
        finally:
            self._forget(upstream)


class _Reader:
    """Reads whole HTTP/1.1 messages from a socket, keeping what it read past one."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._buffer = bytearray()
        self._eof = False

    def _fill(self) -> bool:
        if self._eof:
            return False
        chunk = self._sock.recv(65536)
        if not chunk:
            self._eof = True
            return False
        self._buffer.extend(chunk)
        return True

    def _take(self, n: int) -> bytes:
        while len(self._buffer) < n:
            if not self._fill():
                raise ValueError("connection closed in the middle of a message")
        data = bytes(self._buffer[:n])
        del self._buffer[:n]
        return data

    def _line(self) -> bytes:
        while (end := self._buffer.find(b"\r\n")) < 0:
            if len(self._buffer) > MAX_HEAD or not self._fill():
                raise ValueError("no line end")
        return self._take(end + 2)

    def message(self, *, request: bool, method: str = "GET") -> bytes | None:
        """One whole message, head and body, exactly as sent; None at a clean EOF."""
        while (end := self._buffer.find(b"\r\n\r\n")) < 0:
            if len(self._buffer) > MAX_HEAD:
                raise ValueError("head too large")
            if not self._fill():
                if self._buffer:
                    raise ValueError("connection closed in the middle of a head")
                return None
        head = self._take(end + 4)
        headers = _headers(head)
        if not request:
            status = int(head.split(b" ", 2)[1])
            if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
                return head
        if "chunked" in headers.get("transfer-encoding", "").lower():
            return head + self._chunked()
        if "content-length" in headers:
            return head + self._take(int(headers["content-length"]))
        if request:
            return head
        while self._fill():  # an answer without framing ends when the server closes
            pass
        return head + self._take(len(self._buffer))

    def _chunked(self) -> bytes:
        out = bytearray()
        while True:
            size_line = self._line()
            out += size_line
            size = int(size_line.split(b";", 1)[0].strip(), 16)
            if size == 0:
                while (trailer := self._line()) != b"\r\n":
                    out += trailer
                out += b"\r\n"
                return bytes(out)
            out += self._take(size + 2)


def _headers(head: bytes) -> dict[str, str]:
    lines = head.decode("latin-1").split("\r\n")[1:]
    found: dict[str, str] = {}
    for line in lines:
        name, sep, value = line.partition(":")
        if sep:
            found[name.strip().lower()] = value.strip()
    return found


def _request_line(raw: bytes) -> tuple[str, str]:
    first = raw.split(b"\r\n", 1)[0].decode("latin-1")
    method, path, _version = first.split(" ", 2)
    return method, path


def _closes(answer: bytes) -> bool:
    head = answer.split(b"\r\n\r\n", 1)[0] + b"\r\n"
    return _headers(head).get("connection", "").lower() == "close"


def _reset(sock: socket.socket) -> None:
    """Close with RST instead of FIN: SO_LINGER on, with a timeout of 0."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()

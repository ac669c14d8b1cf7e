"""The sync engine: push the outbox, pull what changed, apply it. Blocking; no Qt."""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from dojo_desktop.core.error_texts import message
from dojo_desktop.core.events import received_event
from dojo_desktop.core.hlc import HybridClock
from dojo_desktop.sync.answer_checks import check_pull_progress, check_push_answer
from dojo_desktop.sync.errors import (
    BadResponse,
    EpochChanged,
    Gap,
    NotPaired,
    Offline,
    RetryLater,
    SeqReused,
    ServerRefused,
    SyncError,
)
from dojo_desktop.sync.first_sync import Downloaded, download
from dojo_desktop.sync.first_sync_tables import BootstrapFailed
from dojo_desktop.sync.sync_store import AppliedPage, OutboxItem, RemoteEvent, SyncStore
from dojo_desktop.sync.transport import HttpTransport
from dojo_desktop.sync.wire import RawPull, push_body
from dojo_protocol import MAX_PUSH_EVENTS, PulledEvent, PullResponse, PushResponse

_Page = TypeVar("_Page", PullResponse, RawPull)  # a pull answer, checked or raw

log = logging.getLogger(__name__)

PULL_PAGE = 500
CATCH_UP_PAGE = 5000  # fewer, larger transactions: a new device's first sync is 100,000s
MAX_GAP_REPAIRS = 3
PUSH_PIPELINE = 2  # batches on their way to the server at once


@dataclass
class SyncReport:
    """What one round did."""

    pushed: int = 0
    rejected: int = 0
    pulled: AppliedPage = field(default_factory=AppliedPage)
    clock_skew_ms: int = 0
    requeued: int = 0


@dataclass(frozen=True)
class _Batch:
    """Outbox events ready to send: the rows, their seqs, the batch id and the body."""

    items: list[OutboxItem]
    seqs: list[int]
    batch_id: str
    body: str


class SyncEngine:
    """One device's sync with one server. Every step is safe to repeat after a crash."""

    def __init__(self, store: SyncStore, transport: HttpTransport, clock: HybridClock,
                 read_blob: Callable[[str], bytes | None] = lambda _sha: None,
                 keep_blob: Callable[[str, bytes], None] | None = None,
                 catch_up_page: int = CATCH_UP_PAGE) -> None:
        self._store = store
        self._transport = transport
        self._clock = clock
        self._read_blob = read_blob
        self._keep_blob = keep_blob
        self._missing: set[str] = set()  # files pulled events name that are not here yet
        self._uploaded: set[str] = set()
        self._page_size = catch_up_page
        self._answered = False  # has the server answered a request of this engine yet?

    @property
    def transport(self) -> HttpTransport:
        return self._transport

    def sync_once(self) -> SyncReport:
        """Push everything waiting, then pull until the server has nothing more."""
        report = self.push_all()
        pulled = self.pull_all()
        report.pulled = pulled.pulled
        report.requeued += pulled.requeued
        if pulled.requeued:
            report.pushed += self.push_all().pushed
        return report

    def push_all(self) -> SyncReport:
        """Send the outbox in batches of up to 500, oldest first.

        Up to ``PUSH_PIPELINE`` batches are on their way at once: the next one goes while
        the server writes the one before, and the server writes a device's batches in the
        order sent (see ``dojo_server.sync.push_order``). Meanwhile this thread reads
        the batch after, and a helper thread records the answers. Every answer that
        arrives is recorded before this returns, also when another batch failed.

        Until the server has answered this engine (at first, and after it could not be
        reached or was busy), a small ``/v1/health`` goes first: a backlog's batches are
        megabytes of rows and JSON, not worth building for a server that is not there.
        """
        if not self._answered and self._store.pending(1):
            self._transport.health()  # Offline or RetryLater when it is not there
            self._answered = True
        try:
            return self._push_batches()
        except (Offline, RetryLater):
            self._answered = False
            raise

    def _push_batches(self) -> SyncReport:
        position = self._store.position()
        if position is None:
            raise NotPaired("This computer is not connected to a school server.")
        device_id = position.device_id
        report = SyncReport()
        if self._store.refused_for_reused_seq():  # by a server before seq_reused
            report.requeued += self._store.renumber(None, 0)
        repairs, depth = 0, PUSH_PIPELINE
        with ThreadPoolExecutor(max_workers=PUSH_PIPELINE, thread_name_prefix="push") as sender, \
                ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox") as helper:
            answers = _Answers(self._store, helper, report)
            on_way: deque[tuple[_Batch, Future[PushResponse]]] = deque()
            # What the device has seen of the server, read once: the cursor does not move
            # during a push, and the acknowledged seqs grow with the answers recorded.
            cursor, acked = self._store.seen()
            ready = self._next_batch(device_id, cursor, acked)
            while ready is not None or on_way:
                while ready is not None and len(on_way) < depth:
                    try:
                        self._upload_blobs(ready.items)
                    except SyncError as exc:
                        answers.settle(on_way)
                        self._store.note_failure(ready.seqs, str(exc))
                        raise
                    on_way.append((ready, sender.submit(
                        self._transport.push_json, ready.batch_id, ready.body)))
                    ready = self._next_batch(device_id, cursor,
                                             max(acked, answers.highest), ready.seqs[-1])
                batch, answer = on_way.popleft()
                try:
                    response = answer.result()
                    check_push_answer(batch.items, response)
                except EpochChanged:
                    # This push proved the server was restored from a backup; it moved to
                    # a new epoch and takes the events again (the pull starts over).
                    answers.settle(on_way)
                    repairs += 1
                    if repairs > MAX_GAP_REPAIRS:
                        raise
                    cursor, acked = self._store.seen()
                    ready = self._next_batch(device_id, cursor, acked)
                    continue
                except Gap as gap:
                    answers.settle(on_way)
                    repairs += 1
                    if repairs > MAX_GAP_REPAIRS:
                        raise
                    report.requeued += self._store.align_with_server(gap.last_seq)
                    # The server did not take the batches in order (they may have reached
                    # two server processes): one at a time from here.
                    depth = 1
                    cursor, acked = self._store.seen()
                    ready = self._next_batch(device_id, cursor, acked)
                    continue
                except SeqReused as reused:  # this folder was put back from an older copy
                    answers.settle(on_way)
                    repairs += 1
                    if repairs > MAX_GAP_REPAIRS:
                        raise
                    report.requeued += self._store.renumber(reused.seq, reused.last_seq)
                    cursor, acked = self._store.seen()
                    ready = self._next_batch(device_id, cursor, acked)
                    continue
                except SyncError as exc:
                    answers.settle(on_way)
                    self._store.note_failure(batch.seqs, str(exc))
                    raise
                answers.record(response)
                if ready is None and not on_way:
                    # Before stopping, look again for events queued meanwhile.
                    answers.settle(on_way)
                    cursor, acked = self._store.seen()
                    ready = self._next_batch(device_id, cursor, acked)
            answers.settle(on_way)
        return report

    def _next_batch(self, device_id: str, cursor: str, acked: int,
                    after_seq: int = 0) -> _Batch | None:
        """The oldest waiting events after ``after_seq``, written out as a push request
        that says what the device has seen (``cursor``, ``acked``); None when nothing
        waits."""
        items = self._store.pending(MAX_PUSH_EVENTS, after_seq)
        if not items:
            return None
        seqs = [item.seq for item in items]
        batch_id = _batch_id(device_id, seqs)
        return _Batch(items, seqs, batch_id, push_body(device_id, batch_id, items, cursor,
                                                       acked))

    def _upload_blobs(self, items: Sequence[OutboxItem]) -> None:
        """Files go up before the events that name them, so no device pulls a dangling name."""
        # Only a payload whose text mentions a file is parsed (awards never do).
        named = [sha for item in items if _may_name_blobs(item.payload_json)
                 for sha in blobs_named(item.payload)]
        for sha256 in dict.fromkeys(named):
            if sha256 in self._uploaded:
                continue
            if not self._transport.blob_exists(sha256):
                data = self._read_blob(sha256)
                if data is None:
                    log.warning("blob %s is named by an event but missing here", sha256)
                    continue
                self._transport.put_blob(sha256, data)
            self._uploaded.add(sha256)

    def pull_all(self, wait: float = 0) -> SyncReport:
        """Pull pages until ``has_more`` is false; each page is applied in one transaction.

        ``wait`` long-polls the first request, so another device's change arrives within
        a moment of reaching the server. While catching up, a helper thread fetches the
        next page while this one is applied. A new device whose school does not fit in
        one page downloads it whole first (see sync/first_sync.py).
        """
        report = SyncReport()
        position = self._store.position()
        if position is None:
            raise NotPaired("This computer is not connected to a school server.")
        first: PullResponse | None = None
        if position.cursor == "" and self._store.nothing_pulled():
            outcome = self._bootstrap(wait, report)
            if isinstance(outcome, SyncReport):
                return outcome
            first, wait = outcome, 0
        cursor = "" if first is not None else position.cursor
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pull") as fetcher:
            following: Future[PullResponse] | None = None
            while True:
                try:
                    if first is not None:
                        response, first = first, None
                    else:
                        response = (following.result() if following is not None
                                    else self._pull_page(cursor, wait))
                except EpochChanged:
                    following = None
                    health = self._transport.health()
                    log.warning("server epoch changed to %s: pulling again from the start",
                                health.epoch)
                    self._store.reset_cursor(health.epoch)
                    cursor, wait = "", 0
                    continue
                check_pull_progress(cursor, response)
                following = (fetcher.submit(self._pull_page, response.next_cursor, 0)
                             if response.has_more else None)
                if response.last_seq < self._store.highest_sent_seq():
                    # The server lost events it had acknowledged (restored from a backup).
                    # Requeued before the cursor moves: a push sent meanwhile never shows
                    # a cursor of the new epoch with acknowledgements the server lost.
                    report.requeued += self._store.align_with_server(response.last_seq)
                events = [remote for remote in map(_remote, response.changes) if remote]
                page = self._store.apply_page(events, response.next_cursor, response.epoch,
                                              response.last_seq)
                self._note_missing(remote.event.payload for remote in events)
                report.pulled.merge(page)
                if page.newest_hlc is not None:
                    self._clock.observe(page.newest_hlc)
                cursor, wait = response.next_cursor, 0
                if not response.has_more:
                    self._fetch_missing()
                    return report

    def _bootstrap(self, wait: float, report: SyncReport) -> SyncReport | PullResponse | None:
        """A new device's first pull. Returns the report of a whole download; or the first
        page, when the school fits in it; or None when the download was given up (a check
        failed, the server was restored meanwhile): then pull page by page from the start.
        Events it finds the server lost are counted in ``report``.
        """
        position = self._store.position()
        assert position is not None
        first = self._pull_raw("", wait)
        if not first.has_more:
            try:
                return first.checked()
            except ValueError as exc:
                raise BadResponse(message("sync.not_understood"),
                                  message("sync.detail.not_protocol")) from exc
        if first.last_seq < self._store.highest_sent_seq():  # before the cursor moves
            report.requeued += self._store.align_with_server(first.last_seq)
        try:
            loaded = download(self._store.path, position, first,
                              lambda cursor: self._pull_raw(cursor, 0))
        except (BootstrapFailed, EpochChanged) as exc:
            log.warning("first sync not downloaded whole (%s): pulling page by page", exc)
            return None
        return self._taken_in(loaded, report)

    def download_again(self) -> SyncReport:
        """Download the school whole again and take it in place of what is here, this
        device's unsent and refused events applied on top: the repair for a copy that
        differs from the server's. Raises BootstrapFailed (nothing changed here) when a
        check fails, and the transport's errors."""
        position = self._store.position()
        if position is None:
            raise NotPaired("This computer is not connected to a school server.")
        loaded = download(self._store.path, position, self._pull_raw("", 0),
                          lambda cursor: self._pull_raw(cursor, 0), again=True)
        return self._taken_in(loaded)

    def _taken_in(self, loaded: Downloaded, report: SyncReport | None = None) -> SyncReport:
        report = report if report is not None else SyncReport()
        report.pulled.merge(loaded.page)
        if loaded.page.newest_hlc is not None:
            self._clock.observe(loaded.page.newest_hlc)
        if loaded.last_seq < self._store.highest_sent_seq():
            report.requeued += self._store.align_with_server(loaded.last_seq)
        self._note_missing(loaded.others)
        self._fetch_missing()
        return report

    def _note_missing(self, payloads: Iterable[dict[str, Any]]) -> None:
        if self._keep_blob is None:
            return
        for payload in payloads:
            for sha in blobs_named(payload):
                if sha not in self._missing and self._read_blob(sha) is None:
                    self._missing.add(sha)

    def _fetch_missing(self) -> None:
        """Fetch the files other devices attached (photos, documents, avatars). One that
        cannot be fetched now is tried again after the next pull."""
        if self._keep_blob is None:
            return
        for sha in sorted(self._missing):
            try:
                data = self._transport.get_blob(sha)
            except (Offline, RetryLater):
                return
            except (BadResponse, ServerRefused) as exc:  # revoked and the like stop sync
                log.warning("file %s not fetched: %s", sha[:12], exc)
                continue
            if data is not None:
                self._keep_blob(sha, data)
            else:
                log.warning("the school server has no copy of file %s", sha[:12])
            self._missing.discard(sha)

    def _pull_page(self, cursor: str, wait: float) -> PullResponse:
        acked = self._store.highest_sent_seq() if cursor else None
        return self._sized(lambda size: self._transport.pull(cursor, size, wait, acked))

    def _pull_raw(self, cursor: str, wait: float) -> RawPull:
        return self._sized(lambda size: self._transport.pull_raw(cursor, size, wait))

    def _sized(self, pull: Callable[[int], _Page]) -> _Page:
        """``pull(page size)``, again with the old page size if the server refuses this one."""
        try:
            return pull(self._page_size)
        except ServerRefused as exc:
            if exc.status != 422 or self._page_size == PULL_PAGE:
                raise
            self._page_size = PULL_PAGE  # a server from before pages of 5,000 events
            return pull(self._page_size)


class _Answers:
    """Records the server's answers in the outbox, in a helper thread, and counts them."""

    def __init__(self, store: SyncStore, helper: ThreadPoolExecutor,
                 report: SyncReport) -> None:
        self._store = store
        self._helper = helper
        self._report = report
        self._acks: list[Future[None]] = []
        self.highest = 0  # the highest seq answered so far

    def record(self, response: PushResponse) -> None:
        results = [(r.seq, r.status, r.reason) for r in response.results]
        self.highest = max(self.highest, max((seq for seq, _, _ in results), default=0))
        self._acks.append(self._helper.submit(self._store.acknowledge, results))
        rejected = sum(1 for r in response.results if r.status == "rejected")
        self._report.pushed += len(results) - rejected
        self._report.rejected += rejected
        self._report.clock_skew_ms = response.clock_skew_ms

    def settle(self, on_way: deque[tuple[_Batch, Future[PushResponse]]]) -> None:
        """Wait for the batches still on their way, record those answered, and wait until
        every answer is recorded (raising any error in recording them)."""
        while on_way:
            batch, answer = on_way.popleft()
            # One that failed stays waiting; the batch before it says what went wrong.
            with contextlib.suppress(SyncError):
                response = answer.result()
                check_push_answer(batch.items, response)
                self.record(response)
        for ack in self._acks:
            ack.result()
        self._acks.clear()


def _may_name_blobs(payload_json: str) -> bool:
    return '"attachments"' in payload_json or '"image:' in payload_json


def blobs_named(payload: dict[str, Any]) -> list[str]:
    """The sha256 of every file an event's payload refers to (attachments, image avatars)."""
    named = [a for a in payload.get("attachments") or [] if isinstance(a, str)]
    fields = payload.get("fields") if isinstance(payload.get("fields"), dict) else payload
    avatar = fields.get("avatar") if isinstance(fields, dict) else None
    if isinstance(avatar, str) and avatar.startswith("image:"):
        named.append(avatar.removeprefix("image:"))
    return named


def _remote(wire: PulledEvent) -> RemoteEvent | None:
    try:
        event = received_event(wire.kind, wire.hlc, wire.payload, wire.event_id)
    except ValueError as exc:
        log.warning("ignoring event %s: %s", wire.event_id, exc)
        return None
    return RemoteEvent(wire.server_seq, event, wire.device_id, wire.hlc)


def _batch_id(device_id: str, seqs: Sequence[int]) -> str:
    """The same events always form the same batch id, so a resend is recognised."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"dojo:{device_id}:{seqs[0]}-{seqs[-1]}"))

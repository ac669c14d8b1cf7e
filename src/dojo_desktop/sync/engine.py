"""The sync engine: push the outbox, pull what changed, apply it. Blocking; no Qt."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dojo_desktop.core.events import Event, EventKind
from dojo_desktop.core.hlc import Hlc, HybridClock
from dojo_desktop.store.schema_version import HEAD_REVISION
from dojo_desktop.store.sync_store import AppliedPage, OutboxItem, RemoteEvent, SyncStore
from dojo_desktop.sync.errors import EpochChanged, Gap, NotPaired, SyncError
from dojo_desktop.sync.transport import HttpTransport
from dojo_protocol import (
    MAX_PUSH_EVENTS,
    PROTOCOL_VERSION,
    PulledEvent,
    PushRequest,
    WireEvent,
)

log = logging.getLogger(__name__)

PULL_PAGE = 500
MAX_GAP_REPAIRS = 3


@dataclass
class SyncReport:
    """What one round did."""

    pushed: int = 0
    rejected: int = 0
    pulled: AppliedPage = field(default_factory=AppliedPage)
    clock_skew_ms: int = 0
    requeued: int = 0


class SyncEngine:
    """One device's sync with one server. Every step is safe to repeat after a crash."""

    def __init__(self, store: SyncStore, transport: HttpTransport, clock: HybridClock,
                 read_blob: Callable[[str], bytes | None] = lambda _sha: None) -> None:
        self._store = store
        self._transport = transport
        self._clock = clock
        self._read_blob = read_blob
        self._uploaded: set[str] = set()

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
        """Send the outbox in batches of up to 500, oldest first."""
        position = self._store.position()
        if position is None:
            raise NotPaired("This computer is not connected to a school server.")
        report = SyncReport()
        repairs = 0
        while True:
            items = self._store.pending(MAX_PUSH_EVENTS)
            if not items:
                return report
            seqs = [item.seq for item in items]
            try:
                self._upload_blobs(items)
            except SyncError as exc:
                self._store.note_failure(seqs, str(exc))
                raise
            request = PushRequest(
                protocol_version=PROTOCOL_VERSION, schema_version=HEAD_REVISION,
                batch_id=_batch_id(position.device_id, seqs), device_id=position.device_id,
                events=[WireEvent(event_id=i.event_id, device_id=position.device_id,
                                  seq=i.seq, kind=i.kind, hlc=i.hlc, payload=i.payload)
                        for i in items])
            try:
                response = self._transport.push(request)
            except Gap as gap:
                repairs += 1
                if repairs > MAX_GAP_REPAIRS:
                    raise
                report.requeued += self._store.align_with_server(gap.last_seq)
                continue
            except SyncError as exc:
                self._store.note_failure(seqs, str(exc))
                raise
            results = [(r.seq, r.status, r.reason) for r in response.results]
            self._store.acknowledge(results)
            report.pushed += sum(1 for r in response.results if r.status != "rejected")
            report.rejected += sum(1 for r in response.results if r.status == "rejected")
            report.clock_skew_ms = response.clock_skew_ms
            if len(response.results) < len(items):
                # The server answered part of the batch; the rest stays pending.
                continue

    def _upload_blobs(self, items: Sequence[OutboxItem]) -> None:
        """Files go up before the events that name them, so no device pulls a dangling name."""
        for sha256 in dict.fromkeys(sha for item in items for sha in blobs_named(item.payload)):
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
        a moment of reaching the server.
        """
        report = SyncReport()
        position = self._store.position()
        if position is None:
            raise NotPaired("This computer is not connected to a school server.")
        cursor = position.cursor
        while True:
            try:
                response = self._transport.pull(cursor, PULL_PAGE, wait)
            except EpochChanged:
                health = self._transport.health()
                log.warning("server epoch changed to %s: pulling again from the start",
                            health.epoch)
                self._store.reset_cursor(health.epoch)
                cursor, wait = "", 0
                continue
            events = [remote for remote in map(_remote, response.changes) if remote]
            page = self._store.apply_page(events, response.next_cursor, response.epoch)
            _merge(report.pulled, page)
            if page.newest_hlc is not None:
                self._clock.observe(page.newest_hlc)
            if response.last_seq < self._store.highest_sent_seq():
                # The server lost events it had acknowledged (restored from a backup).
                report.requeued += self._store.align_with_server(response.last_seq)
            cursor, wait = response.next_cursor, 0
            if not response.has_more:
                return report


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
        event = Event(EventKind(wire.kind), Hlc.parse(wire.hlc), wire.payload, wire.event_id)
    except ValueError:
        log.warning("ignoring event %s of unknown kind %r", wire.event_id, wire.kind)
        return None
    return RemoteEvent(wire.server_seq, event, wire.device_id)


def _merge(total: AppliedPage, page: AppliedPage) -> None:
    total.applied += page.applied
    total.skipped += page.skipped
    total.students |= page.students
    total.classes |= page.classes
    total.roster |= page.roster
    total.skills |= page.skills
    total.settings |= page.settings
    if page.newest_hlc and (total.newest_hlc is None or page.newest_hlc > total.newest_hlc):
        total.newest_hlc = page.newest_hlc


def _batch_id(device_id: str, seqs: Sequence[int]) -> str:
    """The same events always form the same batch id, so a resend is recognised."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"dojo:{device_id}:{seqs[0]}-{seqs[-1]}"))

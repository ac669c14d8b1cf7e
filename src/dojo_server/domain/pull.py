"""Pull: a page of the school's events after the device's cursor, waiting if asked.

Every device of a school gets every event of that school, its own included, in
``server_seq`` order; a device scoped to one class is not filtered yet. The answer is
written straight from the stored rows: payloads go out as the JSON text they were
stored as, without being parsed and written again.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii as _json_string

from sqlalchemy import Row, select

from dojo_protocol.cursor import decode_cursor, encode_cursor
from dojo_protocol.models import BAD_CURSOR, EPOCH_CHANGED
from dojo_server.db.models import DeviceRow, EventRow, SchoolCounter, ServerMeta
from dojo_server.db.session import Database
from dojo_server.domain.auth import DeviceIdentity
from dojo_server.domain.clock import now_ms
from dojo_server.domain.epoch import EPOCH_KEY
from dojo_server.domain.errors import DomainError
from dojo_server.domain.notifier import ChangeNotifier

_COLUMNS = (EventRow.server_seq, EventRow.event_id, EventRow.device_id, EventRow.seq,
            EventRow.kind, EventRow.hlc, EventRow.payload)


@dataclass(frozen=True)
class Page:
    """A pull answer, a ``PullResponse`` already written as JSON."""

    body: bytes
    count: int  # how many events it carries
    after: int  # the server_seq the cursor stood at


def read_page(db: Database, identity: DeviceIdentity, cursor: str, limit: int) -> Page:
    """Up to ``limit`` events after ``cursor`` (empty: from the start), oldest first."""
    claimed_epoch, after = _parse_cursor(cursor)
    with db.read() as session:
        rows = session.execute(
            select(*_COLUMNS).where(EventRow.school_id == identity.school_id,
                                    EventRow.server_seq > after)
            .order_by(EventRow.server_seq).limit(limit + 1)).all()
        # Read after the events, so it is never older than what the page shows.
        last_seq, epoch = session.execute(
            select(DeviceRow.last_seq,
                   select(ServerMeta.value).where(ServerMeta.key == EPOCH_KEY)
                   .scalar_subquery())
            .where(DeviceRow.id == identity.device_id)).one()
    if epoch is None:
        raise RuntimeError("the database has no epoch: run `dojo-server init`")
    if claimed_epoch is not None and claimed_epoch != epoch:
        raise DomainError(410, EPOCH_CHANGED, "The school server was restored from a backup. "
                          "This device will download the school's data again; nothing "
                          "waiting to be sent is lost.")
    page = rows[:limit]
    next_seq = page[-1].server_seq if page else after
    devices: dict[str, str] = {}
    changes = ",".join([_event_json(row, devices) for row in page])
    body = (f'{{"changes":[{changes}],'
            f'"next_cursor":{_json_string(encode_cursor(epoch, next_seq))},'
            f'"has_more":{"true" if len(rows) > limit else "false"},'
            f'"last_seq":{int(last_seq)},"epoch":{_json_string(epoch)},'
            f'"server_time_ms":{now_ms()}}}')
    return Page(body.encode(), len(page), after)


async def pull(db: Database, notifier: ChangeNotifier, identity: DeviceIdentity, cursor: str,
               limit: int, wait_s: float, poll_interval_s: float) -> Page:
    """Like :func:`read_page`, but with nothing new, wait up to ``wait_s`` for a change.

    A push committed by this process releases the wait at once (in a busy school, with
    the next wave of answers); one committed by another process sharing the database is
    found by the school's one shared check every ``poll_interval_s``.
    """
    deadline = time.monotonic() + wait_s
    feed = notifier.feed(identity.school_id)

    async def newest() -> int:
        return await asyncio.to_thread(newest_seq, db, identity.school_id)

    while True:
        page = await asyncio.to_thread(read_page, db, identity, cursor, limit)
        remaining = deadline - time.monotonic()
        if remaining <= 0 or (page.count and feed.may_answer(page.after)):
            return page
        await feed.wait(page.after, remaining, newest, poll_interval_s)


def newest_seq(db: Database, school_id: str) -> int:
    """The highest ``server_seq`` committed for ``school_id``: one primary-key read."""
    with db.read() as session:
        next_seq = session.scalar(select(SchoolCounter.next_seq)
                                  .where(SchoolCounter.school_id == school_id))
    return int(next_seq or 1) - 1


def _event_json(row: Row[int, str, str, int, str, str, str],
                devices: dict[str, str]) -> str:
    server_seq, event_id, device_id, seq, kind, hlc, payload = row
    device = devices.get(device_id)
    if device is None:
        device = devices[device_id] = _json_string(device_id)
    return (f'{{"event_id":{_json_string(event_id)},"device_id":{device},"seq":{seq},'
            f'"kind":{_json_string(kind)},"hlc":{_json_string(hlc)},"payload":{payload},'
            f'"server_seq":{server_seq}}}')


def _parse_cursor(cursor: str) -> tuple[str | None, int]:
    """(epoch, seq) of ``cursor``; (None, 0) for the empty cursor."""
    if not cursor:
        return None, 0
    try:
        decoded = decode_cursor(cursor)
    except ValueError as exc:
        raise DomainError(400, BAD_CURSOR, "The sync position sent by this device is not "
                          "one the server made. Starting over will fix it.") from exc
    return decoded.epoch, decoded.seq

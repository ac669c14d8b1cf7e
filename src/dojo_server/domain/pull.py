"""Pull: a page of the school's events after the device's cursor, waiting if asked.

Every device of a school gets every event of that school, its own included, in
``server_seq`` order; a device scoped to one class is not filtered yet.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time

from sqlalchemy import select

from dojo_protocol.cursor import decode_cursor, encode_cursor
from dojo_protocol.models import BAD_CURSOR, EPOCH_CHANGED, PulledEvent, PullResponse
from dojo_server.db.models import DeviceRow, EventRow
from dojo_server.db.session import Database
from dojo_server.domain.auth import DeviceIdentity
from dojo_server.domain.clock import now_ms
from dojo_server.domain.epoch import current_epoch
from dojo_server.domain.errors import DomainError
from dojo_server.domain.notifier import ChangeNotifier


def read_page(db: Database, identity: DeviceIdentity, cursor: str, limit: int) -> PullResponse:
    """Up to ``limit`` events after ``cursor`` (empty: from the start), oldest first."""
    with db.read() as session:
        epoch = current_epoch(session)
        after = _cursor_seq(cursor, epoch)
        rows = session.scalars(
            select(EventRow).where(EventRow.school_id == identity.school_id,
                                   EventRow.server_seq > after)
            .order_by(EventRow.server_seq).limit(limit + 1)).all()
        last_seq = session.scalars(select(DeviceRow.last_seq)
                                   .where(DeviceRow.id == identity.device_id)).one()
    page = rows[:limit]
    changes = [PulledEvent(event_id=r.event_id, device_id=r.device_id, seq=r.seq, kind=r.kind,
                           hlc=r.hlc, payload=json.loads(r.payload), server_seq=r.server_seq)
               for r in page]
    next_seq = page[-1].server_seq if page else after
    return PullResponse(changes=changes, next_cursor=encode_cursor(epoch, next_seq),
                        has_more=len(rows) > limit, last_seq=last_seq, epoch=epoch,
                        server_time_ms=now_ms())


async def pull(db: Database, notifier: ChangeNotifier, identity: DeviceIdentity, cursor: str,
               limit: int, wait_s: float, poll_interval_s: float) -> PullResponse:
    """Like :func:`read_page`, but with nothing new, wait up to ``wait_s`` for a change.

    A push committed by this process wakes the wait at once; one committed by another
    process sharing the database is seen at the next poll.
    """
    deadline = time.monotonic() + wait_s
    while True:
        waiter = notifier.waiter(identity.school_id)
        page = await asyncio.to_thread(read_page, db, identity, cursor, limit)
        remaining = deadline - time.monotonic()
        if page.changes or remaining <= 0:
            return page
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(waiter.wait(), timeout=min(poll_interval_s, remaining))


def _cursor_seq(cursor: str, epoch: str) -> int:
    if not cursor:
        return 0
    try:
        decoded = decode_cursor(cursor)
    except ValueError as exc:
        raise DomainError(400, BAD_CURSOR, "The sync position sent by this device is not "
                          "one the server made. Starting over will fix it.") from exc
    if decoded.epoch != epoch:
        raise DomainError(410, EPOCH_CHANGED, "The school server was restored from a backup. "
                          "This device will download the school's data again; nothing "
                          "waiting to be sent is lost.")
    return decoded.seq

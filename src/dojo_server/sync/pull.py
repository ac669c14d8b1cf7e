"""Pull: a page of the school's events after the device's cursor, waiting if asked.

A device enrolled for the whole school gets every event of that school, its own
included, in ``server_seq`` order. A device enrolled for one class gets its class's
events and the school-wide ones (``dojo_server.db.audiences``), in the same order; its
cursor moves past other classes' events too, so it never reads them again. The answer
is written straight from the stored rows: payloads go out as the JSON text they were
stored as, without being parsed and written again.
"""

from __future__ import annotations

import asyncio
import bisect
import random
import time
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii as _json_string

from sqlalchemy import ColumnElement, Connection, Row, func, select

from dojo_protocol.cursor import encode_cursor, event_tag
from dojo_server.db.models import DeviceRow, EventRow, SchoolCounter
from dojo_server.db.session import Database
from dojo_server.domain.auth import DeviceIdentity
from dojo_server.domain.clock import now_ms
from dojo_server.sync.epoch import EPOCH_VALUE, epoch_changed
from dojo_server.sync.notifier import ChangeNotifier, News, Tail
from dojo_server.sync.restore_check import evidence, read_held, restored, seen

MAX_TAIL = 5000  # events one wave's shared read takes; a poll needing more reads its own
# A long poll with nothing new ends somewhere in the last quarter of its wait: polls that
# began together (a school's boards at 8:30, every device after a server restart) would
# otherwise all end, and come back, at the same moment, and the pushes behind that burst
# wait for it.
WAIT_SPREAD = 0.25

_COLUMNS = (EventRow.server_seq, EventRow.event_id, EventRow.device_id, EventRow.seq,
            EventRow.kind, EventRow.hlc, EventRow.payload)


@dataclass(frozen=True)
class Page:
    """A pull answer, a ``PullResponse`` already written as JSON."""

    body: bytes
    count: int  # how many events it carries
    after: int  # the server_seq the cursor stood at


def read_page(db: Database, identity: DeviceIdentity, cursor: str, limit: int,
              acked: int | None = None) -> Page:
    """Up to ``limit`` events after ``cursor`` (empty: from the start), oldest first.

    What the device has seen (``cursor``, and ``acked``: the highest of its seqs it was
    told the server has) is checked against what the server holds, in the same read: a
    device that has seen more proves the database was restored (``restore_check``).
    """
    device = seen(cursor, acked)
    after = device.seq
    with db.read_rows() as conn:
        # Read before the events: every event up to it is committed (each school's
        # numbers are given in commit order), so the cursor may move up to it. A class
        # device's two reads stop there too: on PostgreSQL each statement sees the
        # commits made until it starts, and a school-wide event committed between the
        # two would otherwise be passed over by a page that shows a later class event.
        reached = None if identity.class_id is None else _newest(conn, identity.school_id)
        rows = _rows(conn, identity, after, None if reached is None else reached[0],
                     limit + 1)
        # Read after the events, so it is never older than what the page shows.
        held = read_held(conn, identity, after)
    epoch = held.epoch
    if epoch is None:
        raise RuntimeError("the database has no epoch: run `dojo-server init`")
    if device.epoch is not None and device.epoch != epoch:
        raise epoch_changed()
    why = evidence(device, held)
    if why is not None:
        raise restored(db, identity, device, why)
    page = rows[:limit]
    has_more = len(rows) > limit
    devices: dict[str, str] = {}
    changes = ",".join([_event_json(row, devices) for row in page])
    next_seq, tag = (page[-1].server_seq, event_tag(page[-1].event_id)) if page \
        else (after, device.tag)
    if reached is not None and not has_more and reached[0] > next_seq:
        next_seq, tag = reached[0], event_tag(reached[1])
    return Page(_body(changes, epoch, next_seq, has_more, held.last_seq, tag), len(page),
                after)


def _rows(conn: Connection, identity: DeviceIdentity, after: int, upto: int | None,
          count: int) -> list[Row[int, str, str, int, str, str, str]]:
    """The first ``count`` events after ``after`` (up to ``upto``) the device may pull."""
    audiences: list[ColumnElement[bool] | None] = [None]
    if identity.class_id is not None:  # two index ranges, merged: no sort of the class
        audiences = [EventRow.class_id.is_(None), EventRow.class_id == identity.class_id]
        if identity.former_class_id is not None:  # and last year's class (see pull)
            audiences.append(EventRow.class_id == identity.former_class_id)
    rows: list[Row[int, str, str, int, str, str, str]] = []
    for audience in audiences:
        query = select(*_COLUMNS).where(EventRow.school_id == identity.school_id,
                                        EventRow.server_seq > after)
        if audience is not None:
            query = query.where(audience)
        if upto is not None:
            query = query.where(EventRow.server_seq <= upto)
        rows += conn.execute(query.order_by(EventRow.server_seq).limit(count)).all()
    if len(audiences) > 1:
        rows.sort(key=lambda row: row.server_seq)
    return rows[:count]


def _newest(conn: Connection, school_id: str) -> tuple[int, str] | None:
    """The school's newest event: its ``server_seq`` and id (each school's numbers are
    given in commit order, so every event up to it is committed); None if it has none."""
    row = conn.execute(select(EventRow.server_seq, EventRow.event_id)
                       .where(EventRow.school_id == school_id)
                       .order_by(EventRow.server_seq.desc()).limit(1)).first()
    return None if row is None else (int(row[0]), row[1])


async def pull(db: Database, notifier: ChangeNotifier, identity: DeviceIdentity, cursor: str,
               limit: int, wait_s: float, poll_interval_s: float,
               acked: int | None = None) -> Page:
    """Like :func:`read_page`, but with nothing new, wait up to ``wait_s`` for a change.

    A push committed by this process releases the wait at once (in a busy school, with
    the school's next wave); one committed by another process sharing the database is
    found by the school's one shared check every ``poll_interval_s``. Polls released by
    one wave share one read of what it released. A device's first pull here is read
    by :func:`read_page`, which checks what the device has seen against the database.
    """
    deadline = time.monotonic() + wait_s * (1 - WAIT_SPREAD * random.random())
    epoch, after, tag, _ = seen(cursor)
    feed = notifier.feed(identity.school_id, identity.class_id)
    checked = notifier.checked_devices

    async def check(since: int | None) -> News:
        return await asyncio.to_thread(school_news, db, identity.school_id, since)

    async def read_tail(since: int, upto: int) -> Tail:
        return await asyncio.to_thread(_read_tail, db, identity, since, upto)

    wave = feed.wave
    # A board the new school year moved to this year's class also pulls last year's
    # class (what devices offline across the rollover still send for it), which its
    # feed neither shares nor wakes for: it reads its own pages, at each poll.
    alone = identity.former_class_id is not None
    known = (wait_s > 0 and epoch is not None and feed.released is not None
             and feed.epoch in (None, epoch) and identity.device_id in checked
             and not alone)
    # Nothing new but its own events: the device has them; wait for someone else's.
    own_only = known and feed.only_from(identity.device_id, after)
    if known and not own_only and wave is not None and wave.since <= after < wave.upto:
        # Back for more right after a wave: answered from that wave's one read.
        shared = _page_from_tail(await wave.read(read_tail), identity, epoch, after, limit)
        if shared is not None:
            return shared
    if not own_only and not (known and feed.released is not None
                             and after >= feed.released):
        # Behind, or new here: read. Standing at the released end, there is nothing to
        # read yet; the wait starts the school's check if no one else waits.
        page = await asyncio.to_thread(read_page, db, identity, cursor, limit, acked)
        checked.add(identity.device_id)
        if wait_s <= 0 or (page.count and (alone or feed.may_answer(after))):
            return page
    released = await feed.wait(after, epoch, deadline - time.monotonic(), check,
                               poll_interval_s, identity.device_id)
    if released is not None and released.since <= after and not alone:
        shared = _page_from_tail(await released.read(read_tail), identity, epoch, after,
                                 limit)
        if shared is not None:
            return shared
    if (released is None and epoch is not None and feed.epoch == epoch
            and feed.released is not None and feed.latest <= after and not alone):
        # Waited out its time, and nothing for it was committed meanwhile.
        return await asyncio.to_thread(quiet_page, db, identity, epoch, after, tag)
    return await asyncio.to_thread(read_page, db, identity, cursor, limit, acked)


def quiet_page(db: Database, identity: DeviceIdentity, epoch: str, after: int,
               tag: str | None = None) -> Page:
    """The answer of a long poll that waited out its time with nothing new for it: no
    events and the cursor where it stood, from one read (the device's ``last_seq`` and
    the epoch) instead of :func:`read_page`'s four. Every school's polls time out over
    and over; an event committed by another process since the last shared check is
    simply read by the next poll. (Only a device whose cursor this process checked
    before gets here.)"""
    with db.read_rows() as conn:
        last_seq, current = _device_position(conn, identity.device_id)
    if current != epoch:
        raise epoch_changed()
    return Page(_body("", epoch, after, False, last_seq, tag), 0, after)


def _device_position(conn: Connection, device_id: str) -> tuple[int, str | None]:
    """The device's ``last_seq`` and the server's epoch, in one statement."""
    last_seq, epoch = conn.execute(
        select(DeviceRow.last_seq, EPOCH_VALUE.scalar_subquery())
        .where(DeviceRow.id == device_id)).one()
    return int(last_seq), epoch


def newest_seq(db: Database, school_id: str) -> tuple[int, str]:
    """The highest ``server_seq`` committed for ``school_id``, and the epoch: one read."""
    with db.read_rows() as conn:
        next_seq, epoch = conn.execute(
            select(SchoolCounter.next_seq, EPOCH_VALUE.scalar_subquery())
            .where(SchoolCounter.school_id == school_id)).one()
    return int(next_seq) - 1, str(epoch)


def school_news(db: Database, school_id: str, since: int | None) -> News:
    """The school's newest ``server_seq`` and epoch, and if there is news after ``since``
    (None: from the start), the newest ``server_seq`` of each class it concerns and the
    device that wrote its news if only one did."""
    newest, epoch = newest_seq(db, school_id)
    by_class: dict[str | None, int] = {}
    authors: dict[str | None, str | None] = {}
    if since is None or newest > since:
        with db.read_rows() as conn:
            for class_id, device_id, seq in conn.execute(
                    select(EventRow.class_id, EventRow.device_id, func.max(EventRow.server_seq))
                    .where(EventRow.school_id == school_id,
                           EventRow.server_seq > (since or 0), EventRow.server_seq <= newest)
                    .group_by(EventRow.class_id, EventRow.device_id)):
                by_class[class_id] = max(by_class.get(class_id, 0), int(seq))
                authors[class_id] = device_id if class_id not in authors else None
    return News(newest, epoch, by_class, authors)


def _read_tail(db: Database, identity: DeviceIdentity, since: int, upto: int) -> Tail:
    school_id = identity.school_id
    with db.read_rows() as conn:
        rows = _rows(conn, identity, since, upto, MAX_TAIL + 1)
        # The devices this tail may answer: those of its audience.
        last_seqs = {device_id: int(seq) for device_id, seq in conn.execute(
            select(DeviceRow.id, DeviceRow.last_seq).where(
                DeviceRow.school_id == school_id,
                DeviceRow.class_id.is_(None) if identity.class_id is None
                else DeviceRow.class_id == identity.class_id))}
        epoch = conn.scalar(EPOCH_VALUE)
        # A class's tail leaves other classes' events out: the cursor a whole tail hands
        # out stands on the event at upto, and names it.
        upto_id = None if rows and rows[-1].server_seq == upto else conn.scalar(
            select(EventRow.event_id).where(EventRow.school_id == school_id,
                                            EventRow.server_seq == upto))
    devices: dict[str, str] = {}
    kept = rows[:MAX_TAIL]
    return Tail(epoch=str(epoch), seqs=[row.server_seq for row in kept],
                events=[_event_json(row, devices) for row in kept],
                complete=len(rows) <= MAX_TAIL, last_seqs=last_seqs, upto=upto,
                ids=[row.event_id for row in kept], upto_id=upto_id)


def _page_from_tail(tail: Tail, identity: DeviceIdentity, epoch: str | None, after: int,
                    limit: int) -> Page | None:
    """A poll's answer cut from what its wave released; None if the tail cannot tell."""
    if epoch is not None and epoch != tail.epoch:
        raise epoch_changed()
    last_seq = tail.last_seqs.get(identity.device_id)
    start = bisect.bisect_right(tail.seqs, after)
    end = min(start + limit, len(tail.seqs))
    if last_seq is None or start >= end:
        return None
    joined = tail.joined.get((start, end))
    if joined is None:
        joined = tail.joined[(start, end)] = ",".join(tail.events[start:end])
    has_more = end < len(tail.seqs) or not tail.complete
    # A class's tail leaves out other classes' events: having all of it is having upto.
    next_seq = tail.seqs[end - 1]
    tag: str | None = event_tag(tail.ids[end - 1])
    if not has_more and tail.upto > next_seq:
        next_seq, tag = tail.upto, event_tag(tail.upto_id) if tail.upto_id else None
    return Page(_body(joined, tail.epoch, next_seq, has_more, last_seq, tag), end - start,
                after)


def _body(changes: str, epoch: str, next_seq: int, has_more: bool, last_seq: int,
          tag: str | None) -> bytes:
    return (f'{{"changes":[{changes}],'
            f'"next_cursor":{_json_string(encode_cursor(epoch, next_seq, tag))},'
            f'"has_more":{"true" if has_more else "false"},'
            f'"last_seq":{int(last_seq)},"epoch":{_json_string(epoch)},'
            f'"server_time_ms":{now_ms()}}}').encode()


def _event_json(row: Row[int, str, str, int, str, str, str],
                devices: dict[str, str]) -> str:
    server_seq, event_id, device_id, seq, kind, hlc, payload = row
    device = devices.get(device_id)
    if device is None:
        device = devices[device_id] = _json_string(device_id)
    return (f'{{"event_id":{_json_string(event_id)},"device_id":{device},"seq":{seq},'
            f'"kind":{_json_string(kind)},"hlc":{_json_string(hlc)},"payload":{payload},'
            f'"server_seq":{server_seq}}}')

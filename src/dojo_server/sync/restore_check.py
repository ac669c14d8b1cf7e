"""A restore found out by the devices themselves.

IT may put a backup back by copying a file, without ``dojo-server new-epoch``. The
restored server then holds less than its devices have seen, and would hand out sequence
numbers they have passed already. A device proves the restore when it has seen more of
the server than the server now holds:

- its pull cursor stands beyond the school's newest event, or on a place where the
  server holds another event than the one the cursor names (its tag): the second catches
  a device whose cursor a newer push, made after the restore, has overtaken;
- the server acknowledged more of its events than the server now has (``last_seq``).

On proof the server moves to a new epoch, once however many devices prove it at the same
moment, and answers as after ``new-epoch`` (410): every device downloads again and sends
back what the backup lacked. Pulls and pushes carry what the device has seen, so its first
contact after the restore is checked before any new event is taken.
"""

from __future__ import annotations

import logging
from typing import NamedTuple

from sqlalchemy import Connection, bindparam, select

from dojo_protocol.cursor import decode_cursor, event_tag
from dojo_protocol.models import BAD_CURSOR
from dojo_server.db.models import DeviceRow, EventRow, SchoolCounter
from dojo_server.db.session import Database
from dojo_server.domain.auth import DeviceIdentity
from dojo_server.domain.errors import DomainError
from dojo_server.sync.epoch import EPOCH_VALUE, epoch_changed, replace_epoch

log = logging.getLogger(__name__)

# One statement: what the server holds of what a device has seen.
_HELD = select(
    DeviceRow.last_seq, EPOCH_VALUE.scalar_subquery(),
    select(SchoolCounter.next_seq)
    .where(SchoolCounter.school_id == bindparam("b_school")).scalar_subquery(),
    select(EventRow.event_id).where(EventRow.school_id == bindparam("b_school"),
                                    EventRow.server_seq == bindparam("b_seq"))
    .scalar_subquery(),
).where(DeviceRow.id == bindparam("b_device"))


class Seen(NamedTuple):
    """What a device has seen of the server: its cursor (epoch None: the empty cursor,
    ``tag`` None: a cursor made before tags) and the highest of its seqs the server
    acknowledged to it (None: not said)."""

    epoch: str | None
    seq: int
    tag: str | None
    acked: int | None = None


class Held(NamedTuple):
    """What the server holds of it: the device's ``last_seq``, the epoch, the school's
    newest ``server_seq`` and the id of the event at the cursor's place (None: none)."""

    last_seq: int
    epoch: str | None
    newest: int
    event_id: str | None


def seen(cursor: str, acked: int | None = None) -> Seen:
    """``cursor`` (empty: from the start) and ``acked`` read; 400 for a cursor the server
    never made."""
    if not cursor:
        return Seen(None, 0, None, acked)
    try:
        decoded = decode_cursor(cursor)
    except ValueError as exc:
        raise DomainError(400, BAD_CURSOR, "The sync position sent by this device is not "
                          "one the server made. Starting over will fix it.") from exc
    return Seen(decoded.epoch, decoded.seq, decoded.tag, acked)


def read_held(conn: Connection, identity: DeviceIdentity, place: int) -> Held:
    """What the server holds of ``identity``'s device, with the event at ``place``."""
    last_seq, epoch, next_seq, event_id = conn.execute(_HELD, {
        "b_device": identity.device_id, "b_school": identity.school_id,
        "b_seq": place}).one()
    return Held(int(last_seq), epoch, int(next_seq or 1) - 1, event_id)


def evidence(device: Seen, held: Held) -> str | None:
    """Why what the device has seen proves the database was restored, or None.

    Only a cursor of the current epoch proves anything: with the empty cursor the device
    is downloading again (after a restore it is still putting back what the server lost),
    and a cursor of another epoch is answered 410 anyway.
    """
    if device.epoch is None or device.epoch != held.epoch:
        return None
    if device.seq > held.newest:
        return (f"it had pulled up to event {device.seq}; the server's newest is "
                f"{held.newest}")
    if device.tag is not None and device.seq and (
            held.event_id is None or event_tag(held.event_id) != device.tag):
        return (f"it had pulled event {device.seq}; the server holds another event at that "
                f"place" if held.event_id else f"it had pulled event {device.seq}; the "
                "server holds none at that place")
    if device.acked is not None and device.acked > held.last_seq:
        return (f"the server had acknowledged its events up to {device.acked}; it holds "
                f"them up to {held.last_seq}")
    return None


def check_seen(db: Database, identity: DeviceIdentity, device: Seen) -> bool:
    """Raise the 410 (after moving to a new epoch) if ``device`` proves a restore; one
    read when it does not. True if its cursor is of the current epoch (so checked); a
    push with the empty cursor or an older epoch's is taken as before: the device is
    downloading again, or will be told at its next pull."""
    if device.epoch is None:
        return False
    with db.read_rows() as conn:
        held = read_held(conn, identity, device.seq)
    why = evidence(device, held)
    if why is not None:
        raise restored(db, identity, device, why)
    return held.epoch == device.epoch


def restored(db: Database, identity: DeviceIdentity, device: Seen, why: str) -> DomainError:
    """Move to a new epoch unless a proof at the same moment did already; the 410 for
    the device."""
    assert device.epoch is not None
    with db.write() as session:
        epoch = replace_epoch(session, device.epoch)
    if epoch is not None:
        log.warning("the database was restored from a backup: device %s proves it (%s); "
                    "moved to the new epoch %s, every device will sync again",
                    identity.device_id, why, epoch)
    return epoch_changed()

"""The award digest of each class a device pulls, as of its cursor (the rule and the hash
are ``dojo_protocol.digest``'s), for the device to compare with its own after a sync.

Awards are read from the event log, where each has its class (``events.class_id``, set
at push by ``dojo_server.db.audiences``) and its number, so "as of the cursor" is a range
of the ``(school_id, class_id, server_seq)`` index. A class's digest is kept in memory,
per epoch, at the highest number asked about: the next device asks a little further on,
and only the awards in between are read and added (or, for a device further back,
subtracted). Numbers at or below the school's committed end never change within an
epoch, so every server process may keep its own copy.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, String, cast, func, select
from sqlalchemy.dialects.postgresql import JSONB

from dojo_protocol.digest import DIGEST_FORMAT, ClassDigest
from dojo_protocol.models import ClassAwardDigest, DigestResponse
from dojo_server.db.models import EventRow, SchoolCounter, ServerMeta
from dojo_server.db.session import Database
from dojo_server.domain.auth import DeviceIdentity
from dojo_server.sync.epoch import EPOCH_KEY, epoch_changed
from dojo_server.sync.restore_check import seen

AWARD_GIVEN = "award_given"


@dataclass(frozen=True)
class _Known:
    """A class's digest over the awards numbered up to ``seq``."""

    seq: int
    digest: ClassDigest


class DigestCache:
    """Each class's last digest, per (epoch, school, class). Safe to share across threads:
    two threads computing the same class both get it right, and the further one is kept."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._epoch = ""
        self._known: dict[tuple[str, str], _Known] = {}

    def get(self, epoch: str, school_id: str, class_id: str) -> _Known | None:
        with self._lock:
            return self._known.get((school_id, class_id)) if epoch == self._epoch else None

    def keep(self, epoch: str, school_id: str, class_id: str, known: _Known) -> None:
        with self._lock:
            if epoch != self._epoch:  # restored from a backup: every number means another
                self._epoch, self._known = epoch, {}
            current = self._known.get((school_id, class_id))
            if current is None or known.seq > current.seq:
                self._known[(school_id, class_id)] = known


def award_digests(db: Database, cache: DigestCache, identity: DeviceIdentity,
                  cursor: str) -> DigestResponse:
    """The digest of each class ``identity`` pulls, as of ``cursor``: its class for a class
    device, every class with awards for a whole-school one."""
    claimed_epoch, after, _tag, _acked = seen(cursor)
    with db.read_rows() as conn:
        epoch = str(conn.scalar(select(ServerMeta.value).where(ServerMeta.key == EPOCH_KEY)))
        if claimed_epoch is not None and claimed_epoch != epoch:
            raise epoch_changed()
        # Every number up to the committed end is there to read (numbers are given in
        # commit order); one beyond it was never handed out in this epoch.
        newest = int(conn.scalar(select(SchoolCounter.next_seq).where(
            SchoolCounter.school_id == identity.school_id)) or 1) - 1
        upto = min(after, newest)
        award_id = _award_id(conn)
        classes = ([identity.class_id] if identity.class_id is not None
                   else _classes(conn, identity.school_id))
        own = _own_after(conn, award_id, identity, upto)
        answer = []
        for class_id in classes:
            digest = _class_digest(conn, cache, award_id, epoch, identity.school_id,
                                   class_id, upto)
            digest = digest.plus(own.get(class_id, ()))
            if digest.count or identity.class_id is not None:
                answer.append(ClassAwardDigest(class_id=class_id, count=digest.count,
                                               digest=digest.hex))
    return DigestResponse(format=DIGEST_FORMAT, cursor=cursor,
                          whole_school=identity.class_id is None, classes=answer)


def _class_digest(conn: Connection, cache: DigestCache, award_id: ColumnElement[str],
                  epoch: str, school_id: str, class_id: str, upto: int) -> ClassDigest:
    """The class's digest over its awards numbered up to ``upto``, from the cache and the
    awards between its number and ``upto``."""
    known = cache.get(epoch, school_id, class_id)
    if known is None:
        digest = ClassDigest.of(_award_ids(conn, award_id, school_id, class_id, 0, upto))
    elif known.seq <= upto:
        digest = known.digest.plus(
            _award_ids(conn, award_id, school_id, class_id, known.seq, upto))
    else:
        return known.digest.minus(
            _award_ids(conn, award_id, school_id, class_id, upto, known.seq))
    cache.keep(epoch, school_id, class_id, _Known(upto, digest))
    return digest


def _award_ids(conn: Connection, award_id: ColumnElement[str], school_id: str,
               class_id: str, after: int, upto: int) -> Iterable[str]:
    """The ids of the class's awards numbered in ``(after, upto]``."""
    if upto <= after:
        return ()
    return conn.execute(select(award_id).where(
        EventRow.school_id == school_id, EventRow.class_id == class_id,
        EventRow.server_seq > after, EventRow.server_seq <= upto,
        EventRow.kind == AWARD_GIVEN)).scalars()


def _own_after(conn: Connection, award_id: ColumnElement[str], identity: DeviceIdentity,
               after: int) -> dict[str, list[str]]:
    """The asking device's own awards numbered after ``after``, by class: it holds them,
    though its cursor may not have passed them yet."""
    own: dict[str, list[str]] = {}
    rows = conn.execute(select(EventRow.class_id, award_id).where(
        EventRow.school_id == identity.school_id, EventRow.server_seq > after,
        EventRow.device_id == identity.device_id, EventRow.kind == AWARD_GIVEN))
    for class_id, award in rows:
        own.setdefault(class_id or "", []).append(award)
    return own


def _classes(conn: Connection, school_id: str) -> list[str]:
    """Every class of the school's events, one index look-up per class (a skip scan:
    neither database does one by itself for a DISTINCT)."""
    classes: list[str] = []
    while True:
        query = select(func.min(EventRow.class_id)).where(
            EventRow.school_id == school_id, EventRow.class_id.is_not(None))
        if classes:
            query = query.where(EventRow.class_id > classes[-1])
        found = conn.scalar(query)
        if found is None:
            return classes
        classes.append(found)


def _award_id(conn: Connection) -> ColumnElement[str]:
    """The award id in an ``award_given`` event's stored payload, read by the database."""
    if conn.dialect.name == "postgresql":
        text: ColumnElement[str] = cast(EventRow.payload, JSONB)["award_id"].astext
        return text
    extracted: ColumnElement[str] = func.json_extract(EventRow.payload, "$.award_id",
                                                      type_=String)
    return extracted


"""A new device's first sync: the school's history loaded into a database of its own,
checked, then taken into the live database in one transaction.

A new device (paired, empty cursor, nothing pulled yet) has a school year to catch up on,
100,000 events or more. Page by page, each page is a durable commit (an fsync) into
tables whose secondary indexes and foreign keys are kept row by row; on its own that took
longer than the whole first sync may. So a new device loads differently:

1. A connection of its own to the live file makes shadow copies of the school's tables
   in SQLite's temporary database (``CREATE TEMP TABLE``: same names and columns, filled
   with the live rows, a consistent snapshot). The temporary database is SQLite's own
   scratch file: never synced, kept in memory up to ``SCRATCH_CACHE_KIB`` and spilled to
   a file SQLite deletes itself beyond that. Its secondary indexes are made only at the
   end, and foreign keys are not enforced while it loads.
2. Pages go into it as they arrive, through the same table names the appliers use (the
   temporary schema is searched first): awards, nearly all of a school year, as prepared
   tuples in one executemany; other kinds through the incremental path's appliers. A
   page that fails is rolled back and applied event by event with the incremental path's
   own function, so a bad event is recorded and skipped as always.
3. Checks. Per page, before it is stored: every pulled row has the shape the incremental
   path would have accepted (its pydantic model, a packed HLC), else the page goes event
   by event. At the end: foreign keys (``foreign_key_check``, as they were not enforced),
   the award count of each class against what arrived, the shadow tables' columns
   against the live ones, and ``PRAGMA quick_check`` of the scratch database. A failed
   check drops the download; the device then pulls page by page instead.
4. One ``BEGIN IMMEDIATE`` transaction on the live file: the outbox events written here
   since the snapshot are applied to the shadow tables, then each live school table is
   emptied and refilled from its shadow (SQLite copies whole b-trees, indexes included,
   when the two schemas match) and the cursor moves to the end of the download. The WAL
   checkpoint that follows runs in a background thread.

Why not a new database file renamed over the live one: the app keeps the live file open
while it runs (reader, writer, story reader and sync store each hold connections). On
POSIX those would go on using the old, unlinked file, and a tap made meanwhile would be
lost; on Windows the rename fails. A transaction on the live file is seen by every
connection when it commits, the WAL keeps its name, and a tap made during it waits a
moment for the write lock (the busy timeout) instead of failing. Loading the shadow
tables takes no lock on the live file, so taps go on as usual while the pages arrive.
The device's own tables (``LOCAL_TABLES``: the outbox, preferences, files, sync state) are
never replaced, so nothing made here is lost.

The same road repairs a device whose copy differs from the server's (``again``: see
sync/digest_check.py): the shadow tables start as a new device's (the default skills,
which no device sends) instead of from the live rows, pages bring the device's own
events too, and every outbox event the download does not hold (waiting, or refused by
the server) is applied on top, as it was here.

A crash at any point leaves a usable database: until the final commit the live file is
untouched (the temporary database dies with the connection), and that commit is a WAL
transaction with ``synchronous=FULL``.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from dojo_desktop.core.default_skills import default_skill_events
from dojo_desktop.core.events import EventKind, received_event
from dojo_desktop.core.hlc import Hlc
from dojo_desktop.store.connections import transaction
from dojo_desktop.store.database import BUSY_TIMEOUT_MS, apply_pragmas
from dojo_desktop.store.projections import (
    INSERT_AWARDS,
    apply_device_events,
    apply_events,
    award_row,
)
from dojo_desktop.sync.sync_store import (
    APPLY_FAILURES,
    KNOWN_IDS,
    AppliedPage,
    RemoteEvent,
    SyncPosition,
    apply_each,
    pulled_payload,
)
from dojo_protocol.hlc import is_hlc

log = logging.getLogger(__name__)

# This device's own tables: never replaced by what the school sends.
LOCAL_TABLES = frozenset({"alembic_version", "device", "preferences", "outbox", "blobs",
                          "attachments", "sync_state"})
# Memory the scratch database may take before SQLite spills it to its temporary file
# (a school year of one class is about 110 MB).
SCRATCH_CACHE_KIB = 192 * 1024

_INSERT_PULLED = ("INSERT INTO pulled_events (event_id, server_seq, device_id, kind, hlc, "
                  "payload, error) VALUES (?, ?, ?, ?, ?, ?, '')")
_AWARDS_PER_CLASS = "SELECT class_id, count(*) FROM temp.awards GROUP BY class_id"
# What makes a page fall back to one event at a time (as the incremental path does).
_PAGE_FAILURES = (*APPLY_FAILURES, AttributeError)


class BootstrapFailed(RuntimeError):
    """A check failed, or the live database changed under the download. Nothing of the
    download reached the live database."""


class Bootstrap:
    """One new device's download into shadow tables. Use from one thread; ``close`` it."""

    def __init__(self, live_path: Path, position: SyncPosition, again: bool = False) -> None:
        self._path = live_path
        self._position = position
        self._again = again  # a whole download again, in place of the school rows here
        self._conn = sqlite3.connect(live_path, timeout=BUSY_TIMEOUT_MS / 1000,
                                     isolation_level=None, check_same_thread=False)
        try:
            self._tables, self._indexes = self._make_shadows()
        except BaseException:
            self._conn.close()
            raise
        if again:  # what every new device starts with
            with self._transaction() as conn:
                apply_events(conn, default_skill_events(), position.device_id)
        self._awards_received: Counter[str] = Counter()
        self.applied = 0
        self.skipped = 0
        self.newest_hlc = ""
        self.cursor, self.epoch = "", position.epoch
        self.others: list[dict[str, Any]] = []  # payloads of the events that are not awards

    def _make_shadows(self) -> tuple[list[str], list[str]]:
        """Shadow tables in the temporary schema, filled with the live rows (one snapshot);
        returns their names and the statements that make their indexes."""
        conn = self._conn
        apply_pragmas(conn)
        # Not enforced while loading (checked at the end); and off, SQLite copies whole
        # b-trees into the live tables instead of row by row.
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("PRAGMA temp_store=FILE")
        conn.execute(f"PRAGMA temp.cache_size=-{SCRATCH_CACHE_KIB}")
        # The scratch database's rollback journal in memory, not in a file of its own:
        # a page's transaction still rolls back (to go event by event), and a crash
        # loses nothing the scratch database would have kept. 0.2-0.3 s less per 100,000
        # events on this project's test machine.
        conn.execute("PRAGMA temp.journal_mode=MEMORY")
        conn.execute("BEGIN")
        try:
            schema = conn.execute("SELECT type, name, tbl_name, sql FROM main.sqlite_master "
                                  "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
                                  ).fetchall()
            tables = sorted(name for kind, name, _table, _sql in schema
                            if kind == "table" and name not in LOCAL_TABLES)
            indexes = []
            for kind, name, table, sql in schema:
                if kind == "table" and name in tables:
                    conn.execute(re.sub(r"^CREATE TABLE ", "CREATE TEMP TABLE ", sql))
                    if not self._again:
                        conn.execute(f'INSERT INTO temp."{name}" SELECT * FROM main."{name}"')
                elif kind == "index" and table in tables:
                    indexes.append(re.sub(r"^CREATE (UNIQUE )?INDEX ",
                                          r"CREATE \1INDEX temp.", sql))
            # The outbox events applied again at the end: those made since the snapshot,
            # or, downloading again, all of them (the download holds those it took).
            self._since_seq: int = 0 if self._again else conn.execute(
                "SELECT coalesce(max(next_seq), 1) FROM main.device").fetchone()[0]
            self._awards_before = Counter(dict(conn.execute(_AWARDS_PER_CLASS).fetchall()))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return tables, indexes

    @contextmanager
    def _transaction(self, begin: str = "BEGIN") -> Iterator[sqlite3.Connection]:
        """One transaction on this download's connection, all or nothing."""
        with transaction(self._conn, begin) as conn:
            yield conn

    def add_page(self, changes: Sequence[dict[str, Any]], next_cursor: str,
                 epoch: str) -> None:
        """Load one pulled page (as parsed JSON). Events already here are skipped by id:
        this device's own (in its outbox) by a look-up of those alone; another page's
        by the primary key, whose conflict sends the page to the event-by-event path."""
        try:
            own = [] if self._again else [change["event_id"] for change in changes
                                          if change["device_id"] == self._position.device_id]
        except (KeyError, TypeError) as exc:
            raise BootstrapFailed(f"a pulled event has no device id ({exc!r})") from exc
        known: set[str] = set()
        if own:
            listed = orjson.dumps(own).decode()
            known.update(row[0] for row in self._conn.execute(KNOWN_IDS, (listed, listed)))
        fresh = [change for change in changes if change["event_id"] not in known]
        try:
            with self._transaction() as conn:
                self._load_whole(conn, fresh)
        except _PAGE_FAILURES:
            with self._transaction() as conn:
                self._load_each(conn, self._unknown(conn, fresh))
        self.cursor, self.epoch = next_cursor, epoch

    @staticmethod
    def _unknown(conn: sqlite3.Connection,
                 changes: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """``changes`` less those already stored or in the outbox, and repeats."""
        try:
            listed = orjson.dumps([change["event_id"] for change in changes]).decode()
        except (KeyError, TypeError) as exc:
            raise BootstrapFailed(f"a pulled event has no usable id ({exc!r})") from exc
        known = {row[0] for row in conn.execute(KNOWN_IDS, (listed, listed))}
        fresh = []
        for change in changes:
            if change["event_id"] not in known:
                known.add(change["event_id"])
                fresh.append(change)
        return fresh

    def _load_whole(self, conn: sqlite3.Connection,
                    fresh: Sequence[dict[str, Any]]) -> None:
        awards, pulled, others = [], [], []
        for change in fresh:
            kind, payload, hlc = change["kind"], change["payload"], change["hlc"]
            if kind == "award_given":  # the tap's and the page's row and statement
                awards.append(award_row(payload, change["device_id"], hlc))
            else:
                remote = _remote(change)
                if remote is None:
                    continue  # a kind this version does not know: ignored, as page by page
                others.append(remote)
            pulled.append((change["event_id"], change["server_seq"], change["device_id"],
                           kind, hlc, pulled_payload(kind, payload, "")))
        _check_shape(pulled)
        conn.executemany(INSERT_AWARDS, awards)
        if others:
            apply_device_events(conn, [(r.event, r.device_id) for r in others],
                                [r.packed_hlc for r in others])
        conn.executemany(_INSERT_PULLED, pulled)
        self.applied += len(pulled)
        self._awards_received.update(row[2] for row in awards)
        self.newest_hlc = max(self.newest_hlc, max((row[4] for row in pulled), default=""))
        self.others.extend(r.event.payload for r in others)

    def _load_each(self, conn: sqlite3.Connection,
                   fresh: Sequence[dict[str, Any]]) -> None:
        """One event at a time, each in a savepoint, a failure recorded with its reason."""
        remotes = []
        for change in fresh:
            try:
                if not (type(change["server_seq"]) is int
                        and isinstance(change["device_id"], str)
                        and isinstance(change["payload"], dict)):
                    raise TypeError("server_seq, device_id or payload")
                remote = _remote(change)
            except (KeyError, TypeError) as exc:
                raise BootstrapFailed(f"pulled event {change.get('event_id')!r} is "
                                      f"malformed ({exc!r})") from exc
            if remote is not None:
                remotes.append(remote)
        applied = apply_each(conn, remotes)
        self.applied += len(applied)
        self.skipped += len(remotes) - len(applied)
        for remote in applied:
            self.newest_hlc = max(self.newest_hlc, remote.packed_hlc)
            if remote.event.kind is EventKind.AWARD_GIVEN:
                self._awards_received[remote.event.payload["class_id"]] += 1
            else:
                self.others.append(remote.event.payload)

    def finish(self) -> None:
        """Make the indexes and check the download; raises BootstrapFailed if unsound."""
        conn = self._conn
        for sql in self._indexes:
            conn.execute(sql)
        for table in self._tables:
            live = conn.execute(f'PRAGMA main.table_info("{table}")').fetchall()
            if conn.execute(f'PRAGMA temp.table_info("{table}")').fetchall() != live:
                raise BootstrapFailed(f"the shadow of {table} differs from the live table")
        broken = conn.execute("PRAGMA temp.foreign_key_check").fetchmany(3)
        if broken:
            raise BootstrapFailed(f"pulled rows name rows that do not exist: {broken}")
        stored = Counter(dict(conn.execute(_AWARDS_PER_CLASS).fetchall()))
        if stored != self._awards_before + self._awards_received:
            raise BootstrapFailed("the award count of a class differs from what arrived")
        check = [tuple(row) for row in conn.execute("PRAGMA temp.quick_check").fetchmany(3)]
        if check != [("ok",)]:
            raise BootstrapFailed(f"quick_check of the download: {check}")

    def take_in(self) -> AppliedPage:
        """Replace the live school rows with the download in one transaction, with the
        outbox events written here since the snapshot applied again."""
        # The commit is durable (WAL, synchronous=FULL); moving its pages into the file is
        # SQLite's housekeeping, which this commit would otherwise run before returning.
        # Done right after in the background instead, so neither this sync nor the next
        # tap (whose commit would run it too) waits for it.
        self._conn.execute("PRAGMA wal_autocheckpoint=0")
        with self._transaction("BEGIN IMMEDIATE") as conn:  # the live write lock up front
            page = self._replace_rows(conn)
        threading.Thread(target=_checkpoint, args=(self._path,), name="checkpoint",
                         daemon=True).start()
        return page

    def _replace_rows(self, conn: sqlite3.Connection) -> AppliedPage:
        position = conn.execute(
            "SELECT server_url, device_id, cursor, epoch FROM main.sync_state").fetchall()
        pulled = conn.execute("SELECT 1 FROM main.pulled_events LIMIT 1").fetchone()
        expected = (self._position.server_url, self._position.device_id,
                    self._position.cursor, self._position.epoch)
        if [tuple(row) for row in position] != [expected] or (
                pulled is not None and not self._again):
            raise BootstrapFailed("the device was paired again or pulled meanwhile")
        self._replay_outbox(conn)
        # Own events pushed while this ran and pulled back: known by the outbox, as always.
        conn.execute("DELETE FROM temp.pulled_events WHERE event_id IN "
                             "(SELECT event_id FROM main.outbox)")
        for table in self._tables:
            conn.execute(f'DELETE FROM main."{table}"')
            conn.execute(f'INSERT INTO main."{table}" SELECT * FROM temp."{table}"')
        for table in ("awards", "pulled_events"):
            live = conn.execute(f"SELECT count(*) FROM main.{table}").fetchone()[0]
            if live != conn.execute(f"SELECT count(*) FROM temp.{table}").fetchone()[0]:
                raise BootstrapFailed(f"the live {table} did not take every downloaded row")
        conn.execute("UPDATE main.sync_state SET cursor = ?, epoch = ?, "
                             "hlc = max(hlc, ?)", (self.cursor, self.epoch, self.newest_hlc))
        return AppliedPage(
            applied=self.applied, skipped=self.skipped,
            students={row[0] for row in conn.execute("SELECT id FROM main.students")},
            classes={row[0] for row in conn.execute("SELECT id FROM main.classes")},
            roster=True, skills=True, settings=True, stories=True, messages=True,
            newest_hlc=Hlc.parse(self.newest_hlc) if self.newest_hlc else None)

    def _replay_outbox(self, conn: sqlite3.Connection) -> None:
        """Apply to the shadow tables the events made here since the snapshot (the live
        rows they wrote are about to be replaced); those the download holds are skipped."""
        device_id = conn.execute("SELECT id FROM main.device").fetchone()[0]
        rows = conn.execute(
            "SELECT event_id, kind, payload, hlc FROM main.outbox WHERE seq >= ? AND "
            "event_id NOT IN (SELECT event_id FROM temp.pulled_events) ORDER BY seq",
            (self._since_seq,)).fetchall()
        events = [received_event(kind, hlc, json.loads(payload), event_id)
                  for event_id, kind, payload, hlc in rows]
        apply_events(conn, events, device_id)

    def close(self) -> None:
        """Close the connection; its temporary database (the download) goes with it."""
        self._conn.close()


def _checkpoint(path: Path) -> None:
    """PASSIVE: it never makes a writer wait, and a writer's own automatic checkpoint
    finds this one running and leaves it alone."""
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        log.info("checkpoint after the first sync did not finish: %s", exc)


def _check_shape(pulled: Sequence[tuple[Any, ...]]) -> None:
    """Raise ValueError unless every row has the shape the incremental path accepts (its
    pydantic model and a packed HLC), so the page goes event by event instead. Column by
    column with ``map``: a page is 5,000 rows."""
    if not pulled:
        return
    ids, seqs, devices, _kinds, hlcs, _payloads = zip(*pulled, strict=True)
    if not (set(map(type, seqs)) == {int} and min(seqs) >= 1
            and all(set(map(type, column)) == {str} for column in (ids, devices, hlcs))
            and min(map(len, ids)) > 0 and max(map(len, ids)) <= 64
            and min(map(len, devices)) > 0 and max(map(len, devices)) <= 64
            and all(map(is_hlc, hlcs))):
        raise ValueError("a pulled event is malformed")


def _remote(change: dict[str, Any]) -> RemoteEvent | None:
    """A pulled event as the appliers take it; None for an unknown kind or a bad HLC
    (ignored with a warning, as the incremental path does)."""
    try:
        event = received_event(change["kind"], change["hlc"], change["payload"],
                               change["event_id"])
    except ValueError as exc:
        log.warning("ignoring event %s: %s", change["event_id"], exc)
        return None
    return RemoteEvent(change["server_seq"], event, change["device_id"], change["hlc"])


"""What the sync engine reads and writes: the outbox, the sync state and pulled events.

Applying a pulled page and advancing the cursor is one transaction, so a crash at any
point loses nothing and applies nothing twice.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, NamedTuple

from dojo_desktop.core.events import Event
from dojo_desktop.core.hlc import Hlc
from dojo_desktop.store.connections import Connections, savepoint
from dojo_desktop.store.projections import apply_device_events, apply_events
from dojo_desktop.store.writer import storage_errors
from dojo_desktop.sync.new_identity import take_new_identity
from dojo_desktop.sync.renumbering import REUSED_REFUSAL, counter_past, renumber_waiting
from dojo_protocol.digest import ClassDigest
from dojo_protocol.kinds import KINDS, Part


class OutboxItem(NamedTuple):
    """One event waiting to be pushed, as stored: the payload as its JSON text. (A tuple:
    a push reads 500 of them at a time.)"""

    seq: int
    event_id: str
    kind: str
    payload_json: str
    hlc: str

    @property
    def payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = json.loads(self.payload_json)
        return payload


@dataclass(frozen=True)
class RemoteEvent:
    """One event pulled from the server (``packed_hlc``: its HLC as it came, if known)."""

    server_seq: int
    event: Event
    device_id: str
    packed_hlc: str = ""


@dataclass
class AppliedPage:
    """What applying a pulled page changed, for the screens to repaint."""

    applied: int = 0
    skipped: int = 0
    students: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    roster: bool = False
    skills: bool = False
    settings: bool = False
    stories: bool = False
    messages: bool = False  # messages, receipts or guardian links
    records: set[str] = field(default_factory=set)  # the record kinds it changed
    newest_hlc: Hlc | None = None

    def merge(self, other: AppliedPage) -> None:
        """Add ``other`` (a later page) to this one.

        Field by field, by the field's kind, so a flag added later is merged without anyone
        remembering to: counts add up, sets join, flags stay set, the newest HLC wins.
        """
        for name in (f.name for f in fields(self)):
            mine, theirs = getattr(self, name), getattr(other, name)
            if isinstance(mine, bool) or isinstance(theirs, bool):
                setattr(self, name, bool(mine or theirs))
            elif isinstance(mine, int):
                setattr(self, name, mine + theirs)
            elif isinstance(mine, set):
                mine |= theirs
            elif theirs is not None and (mine is None or theirs > mine):
                setattr(self, name, theirs)


@dataclass(frozen=True)
class SyncPosition:
    """Where this device stands with its server."""

    server_url: str
    device_id: str
    cursor: str
    epoch: str


class SyncStore:
    """Outbox, cursor and pulled events, on the app's database file (plain ``sqlite3``,
    a connection per thread at a time: ``store.connections``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = Connections(path)

    def close(self) -> None:
        self._db.close()

    # Position ---------------------------------------------------------------------------

    def position(self) -> SyncPosition | None:
        with self._db.reading() as conn:
            row = conn.execute(
                "SELECT server_url, device_id, cursor, epoch FROM sync_state").fetchone()
        return None if row is None else SyncPosition(*row)

    def set_server(self, server_url: str, device_id: str, epoch: str) -> None:
        """Pair with a server: forget any other server and start from the beginning."""
        with storage_errors(), self._db.begin() as conn:
            conn.execute("DELETE FROM sync_state")
            conn.execute("INSERT INTO sync_state (server_url, device_id, cursor, epoch, hlc) "
                         "VALUES (?, ?, '', ?, '')", (server_url, device_id, epoch))

    def take_new_identity(self, server_url: str, device_id: str, epoch: str) -> int:
        """Become ``device_id``, paired with ``server_url``, in one transaction (this
        folder was copied from another computer; see ``new_identity``). Returns how many
        events wait to be sent."""
        with storage_errors(), self._db.begin() as conn:
            return take_new_identity(conn, server_url, device_id, epoch)

    def reset_cursor(self, epoch: str) -> None:
        """Start pulling again from the beginning (the server's history changed)."""
        with storage_errors(), self._db.begin() as conn:
            conn.execute("UPDATE sync_state SET cursor = '', epoch = ?", (epoch,))

    def nothing_pulled(self) -> bool:
        """True while nothing of the school is stored here: a new device's first pull."""
        with self._db.reading() as conn:
            row = conn.execute("SELECT cursor FROM sync_state").fetchone()
            pulled = conn.execute("SELECT event_id FROM pulled_events LIMIT 1").fetchone()
        return row is not None and row[0] == "" and pulled is None

    # Outbox -----------------------------------------------------------------------------

    def pending(self, limit: int, after_seq: int = 0) -> list[OutboxItem]:
        """The oldest events waiting to be pushed, from ``after_seq + 1`` on."""
        with self._db.reading() as conn:
            rows = conn.execute(
                "SELECT seq, event_id, kind, payload, hlc FROM outbox WHERE state = 'pending' "
                "AND seq > ? ORDER BY seq LIMIT ?", (after_seq, limit)).fetchall()
        return list(map(OutboxItem._make, rows))

    def counts(self) -> dict[str, int]:
        with self._db.reading() as conn:
            rows = conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall()
        return {state: int(n) for state, n in rows}

    def rejected(self, limit: int = 200) -> list[tuple[OutboxItem, str]]:
        """Events the server refused, with its reason: kept and shown, never dropped."""
        with self._db.reading() as conn:
            rows = conn.execute(
                "SELECT seq, event_id, kind, payload, hlc, last_error FROM outbox "
                "WHERE state = 'rejected' ORDER BY seq DESC LIMIT ?", (limit,)).fetchall()
        return [(OutboxItem(*r[:5]), r[5]) for r in rows]

    def seen(self) -> tuple[str, int]:
        """What this device has seen of the server, read together: its cursor, and the
        highest seq the server acknowledged (sent with each push and pull, so a server
        restored from a backup finds out)."""
        with self._db.reading() as conn:
            row = conn.execute(f"SELECT cursor, {_HIGHEST_SENT} FROM sync_state").fetchone()
        return ("", 0) if row is None else (row[0], int(row[1] or 0))

    def highest_sent_seq(self) -> int:
        with self._db.reading() as conn:
            value = conn.execute(f"SELECT {_HIGHEST_SENT}").fetchone()[0]
        return int(value or 0)

    def acknowledge(self, results: Sequence[tuple[int, str, str]]) -> None:
        """Record the server's answer per seq: applied/duplicate are sent; rejected stays.

        One UPDATE for the sent ones, one executemany for the rejected ones.
        """
        sent = [seq for seq, status, _ in results if status in ("applied", "duplicate")]
        rejected = [{"seq": seq, "reason": reason} for seq, status, reason in results
                    if status == "rejected"]
        with storage_errors(), self._db.begin() as conn:
            low, high = (min(sent), max(sent)) if sent else (0, -1)
            if sent and high - low + 1 == len(sent) == len(set(sent)):
                # The usual answer: every seq of a run sent. One range, not 500 values.
                conn.execute("UPDATE outbox SET state = 'sent', last_error = '' "
                             "WHERE seq BETWEEN ? AND ?", (low, high))
            elif sent:
                conn.execute("UPDATE outbox SET state = 'sent', last_error = '' WHERE seq IN "
                             "(SELECT value FROM json_each(?))", (_compact_json(sent),))
            if rejected:
                conn.executemany("UPDATE outbox SET state = 'rejected', last_error = "
                                     ":reason WHERE seq = :seq", rejected)

    def note_failure(self, seqs: Sequence[int], error: str) -> None:
        """A push that did not get an answer: count the attempt, keep the events pending."""
        if not seqs:
            return
        with storage_errors(), self._db.begin() as conn:
            conn.execute("UPDATE outbox SET attempts = attempts + 1, last_error = ? "
                         "WHERE seq IN (SELECT value FROM json_each(?))",
                         (error, _compact_json(list(seqs))))

    def align_with_server(self, server_last_seq: int) -> int:
        """Make the outbox agree with the server's ``last_seq`` for this device.

        Events at or below it are on the server; sent events above it were lost (the
        server was restored from a backup) and are queued again. So are rejected ones: the
        server forgot those too, and without them the numbering has a gap it refuses.
        Returns how many.
        """
        with storage_errors(), self._db.begin() as conn:
            conn.execute("UPDATE outbox SET state = 'sent' WHERE seq <= ? AND state = 'pending'",
                         (server_last_seq,))
            result = conn.execute("UPDATE outbox SET state = 'pending' WHERE seq > ? AND "
                                  "state IN ('sent', 'rejected')", (server_last_seq,))
            return max(result.rowcount, 0)

    def renumber(self, first_seq: int | None, server_last_seq: int) -> int:
        """Number the waiting events from ``first_seq`` on again after ``server_last_seq``,
        in one transaction (see ``renumbering``; ``None``: only those a server refused
        for a reused number). Returns how many."""
        with storage_errors(), self._db.begin() as conn:
            return renumber_waiting(conn, first_seq, server_last_seq)

    def refused_for_reused_seq(self) -> bool:
        """Whether a server refused events here for a number it had for another event."""
        with self._db.reading() as conn:
            return conn.execute(
                "SELECT 1 FROM outbox WHERE state = 'rejected' AND instr(last_error, ?) > 0 "
                "LIMIT 1", (REUSED_REFUSAL,)).fetchone() is not None

    # Pulled pages -----------------------------------------------------------------------

    def apply_page(self, events: Sequence[RemoteEvent], next_cursor: str,
                   epoch: str, last_seq: int = 0) -> AppliedPage:
        """Apply a pulled page and advance the cursor, all in one transaction.

        Events already applied (ours, or pulled before) are skipped by id; this device's
        own events that it does not have (its data was put back from an older copy) are
        applied like any other, under its id. An event that cannot be applied is recorded
        with its error and skipped, so one bad event never stops a device from syncing.
        ``last_seq``: the server's for this device; the device's counter moves past it.
        """
        page = AppliedPage()
        with storage_errors(), self._db.begin() as conn:
            # The ids go in as one JSON array, not an IN list of 5,000 bound values.
            ids = _compact_json([e.event.id for e in events])
            known = {row[0] for row in conn.execute(KNOWN_IDS, (ids, ids))}
            fresh: list[RemoteEvent] = []
            for remote in events:
                if remote.event.id not in known:
                    known.add(remote.event.id)
                    fresh.append(remote)
            if not _apply_whole_page(conn, fresh):
                applied = apply_each(conn, fresh)  # one event is bad: isolate it
                page.applied, page.skipped = len(applied), len(fresh) - len(applied)
                for remote in applied:
                    _note_change(conn, page, remote.event)
            else:
                page.applied = len(fresh)
                for remote in fresh:
                    _note_change(conn, page, remote.event)
            # The newest HLC is kept for the device's clock: after a restart it starts
            # from here, so an edit made after seeing this page still orders after it.
            newest = "" if page.newest_hlc is None else page.newest_hlc.pack()
            conn.execute("UPDATE sync_state SET cursor = ?, epoch = ?, hlc = max(hlc, ?)",
                         (next_cursor, epoch, newest))
            if last_seq:
                counter_past(conn, last_seq)
        return page

    def award_digests(self, class_id: str | None = None) -> dict[str, ClassDigest]:
        """Per class (or of ``class_id`` alone), the digest of the awards here as the server
        counts them for this device (``dojo_protocol.digest``): this device's awards the
        server has not taken, waiting or refused, are left out.

        Every class is one pass over the table, three times faster than one class through
        its index when the device holds little else (a class's board)."""
        where = "WHERE class_id = ? AND" if class_id is not None else "WHERE"
        ids: dict[str, list[str]] = {}
        with self._db.reading() as conn:
            rows = conn.execute(
                f"SELECT class_id, id FROM awards {where} id NOT IN ({_UNTAKEN_AWARDS})",
                (class_id,) if class_id is not None else ())
            for row_class, award_id in rows:
                ids.setdefault(row_class, []).append(award_id)
        return {key: ClassDigest.of(values) for key, values in ids.items()}

    def class_digest(self, class_id: str) -> ClassDigest:
        """One class's digest (see :meth:`award_digests`)."""
        return self.award_digests(class_id).get(class_id, ClassDigest())

    def digest_basis(self) -> DigestBasis | None:
        """What a digest of this device depends on besides its awards; None if unpaired."""
        with self._db.reading() as conn:
            state = conn.execute("SELECT cursor, epoch FROM sync_state").fetchone()
            waiting, newest = conn.execute(
                "SELECT count(*) FILTER (WHERE state = 'pending'), coalesce(max(seq), 0) "
                "FROM outbox").fetchone()
        if state is None:
            return None
        return DigestBasis(state[0], state[1], int(waiting), int(newest))

    def class_names(self) -> dict[str, str]:
        with self._db.reading() as conn:
            rows = conn.execute("SELECT id, name FROM classes").fetchall()
        return {row[0]: row[1] for row in rows}


@dataclass(frozen=True)
class DigestBasis:
    """Where a device stands when it takes its digest: its cursor, and its outbox's
    waiting events and newest seq (a tap meanwhile makes the comparison meaningless)."""

    cursor: str
    epoch: str
    waiting: int
    newest_seq: int


# This device's awards the server has not taken: waiting to be sent, or refused.
_UNTAKEN_AWARDS = ("SELECT json_extract(payload, '$.award_id') FROM outbox WHERE "
                   "state IN ('pending', 'rejected') AND kind = 'award_given' AND "
                   "json_extract(payload, '$.award_id') IS NOT NULL")


# A pulled page is mostly awards: its bookkeeping rows go in as one executemany.
INSERT_PULLED = ("INSERT INTO pulled_events (event_id, server_seq, device_id, kind, hlc, "
                 "payload, error) VALUES (:event_id, :server_seq, :device_id, :kind, :hlc, "
                 ":payload, :error) ON CONFLICT DO NOTHING")


KNOWN_IDS = ("SELECT event_id FROM pulled_events WHERE event_id IN "
             "(SELECT value FROM json_each(?)) UNION ALL "
             "SELECT event_id FROM outbox WHERE event_id IN (SELECT value FROM json_each(?))")

# The highest seq the server has answered (sent or refused): one look-up in the outbox's
# (state, seq) index per state, where "state != 'pending'" would read every row ever sent.
_HIGHEST_SENT = ("max(coalesce((SELECT max(seq) FROM outbox WHERE state = 'sent'), 0), "
                 "coalesce((SELECT max(seq) FROM outbox WHERE state = 'rejected'), 0))")

# One encoder for every row: json.dumps with options builds a new one per call.
_compact_json = json.JSONEncoder(separators=(",", ":"), check_circular=False).encode


# The payload keys an awards row holds. An award applied here whose payload has no other
# key is kept once, in ``awards``: its pulled_events row has an empty payload (a school
# year of awards is most of the file). One with keys a newer version added, or one that
# failed, keeps its payload whole.
AWARD_KEYS = frozenset({"award_id", "student_id", "class_id", "skill_id", "points", "note",
                        "at_ms", "batch_id"})


def pulled_payload(kind: str, payload: dict[str, Any], error: str) -> str:
    """The payload text a pulled_events row keeps (see ``AWARD_KEYS``)."""
    if kind == "award_given" and not error and payload.keys() <= AWARD_KEYS:
        return ""
    return _compact_json(payload)


def _pulled_row(remote: RemoteEvent, error: str) -> dict[str, Any]:
    kind = str(remote.event.kind)
    return {"event_id": remote.event.id, "server_seq": remote.server_seq,
            "device_id": remote.device_id, "kind": kind,
            "hlc": remote.packed_hlc or remote.event.hlc.pack(),
            "payload": pulled_payload(kind, remote.event.payload, error), "error": error}


# What makes applying an event fail (the page, or the event, is rolled back).
APPLY_FAILURES = (sqlite3.Error, KeyError, TypeError, ValueError)


def _apply_whole_page(conn: sqlite3.Connection, fresh: Sequence[RemoteEvent]) -> bool:
    """Apply a page in one savepoint; False (and nothing applied) if any event fails."""
    if not fresh:
        return True
    try:
        with savepoint(conn):
            apply_device_events(conn, [(r.event, r.device_id) for r in fresh],
                                [r.packed_hlc for r in fresh])
            conn.executemany(INSERT_PULLED, [_pulled_row(r, "") for r in fresh])
    except APPLY_FAILURES:
        return False
    return True


def apply_each(conn: sqlite3.Connection, events: Sequence[RemoteEvent]) -> list[RemoteEvent]:
    """Apply ``events`` one by one, each in a savepoint, and record each as pulled (with
    the reason if it failed). Returns those applied."""
    applied = []
    for remote in events:
        error = _apply_one(conn, remote)
        conn.execute(INSERT_PULLED, _pulled_row(remote, error))
        if not error:
            applied.append(remote)
    return applied


def _apply_one(conn: sqlite3.Connection, remote: RemoteEvent) -> str:
    try:
        with savepoint(conn):
            apply_events(conn, [remote.event], remote.device_id)
    except APPLY_FAILURES as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
    return ""


def _note_change(conn: sqlite3.Connection, page: AppliedPage, event: Event) -> None:
    """Mark the parts of the screens ``event`` changes, as the registry lists them."""
    if page.newest_hlc is None or event.hlc > page.newest_hlc:
        page.newest_hlc = event.hlc
    parts = KINDS[event.kind].changes
    if Part.TILES in parts:
        _note_tiles(conn, page, event.payload)
    page.roster |= Part.ROSTER in parts
    page.skills |= Part.SKILLS in parts
    page.settings |= Part.SETTINGS in parts
    page.stories |= Part.STORIES in parts
    page.messages |= Part.MESSAGES in parts
    if Part.RECORDS in parts:
        page.records.add(str(event.kind))


def _note_tiles(conn: sqlite3.Connection, page: AppliedPage, payload: dict[str, Any]) -> None:
    """The students (and their classes) whose tiles an event changes."""
    if "award_ids" in payload:  # an undo names awards: their students, from the table
        ids = payload["award_ids"]
        rows = conn.execute(
            f"SELECT student_id, class_id FROM awards WHERE id IN ({','.join('?' * len(ids))})",
            tuple(ids)).fetchall()
        page.students.update(r[0] for r in rows)
        page.classes.update(r[1] for r in rows)
        return
    page.students.add(payload["student_id"])
    if "award_id" in payload:  # an award names its class
        page.classes.add(payload["class_id"])
    else:  # a student added or changed: every class they are in
        page.classes.update(r[0] for r in conn.execute(
            "SELECT class_id FROM class_students WHERE student_id = ?",
            (payload["student_id"],)))

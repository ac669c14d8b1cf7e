"""Checks shared by the sync fault tests: what the server stored against what devices made.

Everything is read with plain sqlite3 from the database files, so a check never goes
through the code it is checking.
"""

from __future__ import annotations

import gc
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.sync.errors import SyncError
from dojo_server.settings import Settings


def collect_garbage_here() -> None:
    """Free what earlier tests left in reference cycles, now, on the GUI thread.

    A Qt test can leave widgets in a cycle (the main window of test_live_tiles is one):
    Python frees them whenever its cycle collector next runs, on whatever thread is
    allocating at that moment. If that is a server thread of a later test, Qt objects
    with timers are destroyed off their thread, the timers stay registered, and the next
    ``processEvents`` segfaults. Tests that run servers in this process call this first.
    """
    gc.collect()


def server_db_path(settings: Settings) -> Path:
    return Path(settings.database_url.removeprefix("sqlite:///"))


def query(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@dataclass(frozen=True)
class ServerLedger:
    """The server's events, the events it refused, and each device's ``last_seq``."""

    events: list[tuple[str, str, int, int, str, str]]  # id, device, seq, server_seq, kind, json
    rejected: list[tuple[str, str, int]]  # event_id, device, seq
    last_seq: dict[str, int]

    @classmethod
    def read(cls, path: Path) -> ServerLedger:
        """The ledger of the SQLite database at ``path``."""
        return cls.read_with(lambda sql: query(path, sql))

    @classmethod
    def read_with(cls, run: Callable[[str], list[tuple[Any, ...]]]) -> ServerLedger:
        """The ledger read by ``run(sql)`` (a server database of any kind)."""
        events = run("SELECT event_id, device_id, seq, server_seq, kind, payload "
                     "FROM events ORDER BY server_seq")
        rejected = run("SELECT event_id, device_id, seq FROM rejected_events")
        devices = dict(run("SELECT id, last_seq FROM devices"))
        return cls([tuple(e) for e in events], [tuple(r) for r in rejected], devices)

    def totals(self) -> dict[str, int]:
        """Each student's points over every award not undone."""
        undone = {award_id for e in self.events if e[4] == "award_undone"
                  for award_id in json.loads(e[5])["award_ids"]}
        totals: Counter[str] = Counter()
        for e in self.events:
            if e[4] == "award_given":
                award = json.loads(e[5])
                if award["award_id"] not in undone:
                    totals[award["student_id"]] += award["points"]
        return dict(totals)

    def award_ids(self) -> list[str]:
        return [json.loads(e[5])["award_id"] for e in self.events if e[4] == "award_given"]

    def event_ids(self, device_id: str | None = None) -> list[str]:
        return [e[0] for e in self.events if device_id is None or e[1] == device_id]

    def check_sound(self) -> None:
        """Each event once, each award once, sequences without gaps or repeats."""
        ids = self.event_ids()
        assert len(ids) == len(set(ids)), "an event id is stored twice"
        awards = self.award_ids()
        twice = [a for a, n in Counter(awards).items() if n > 1]
        assert not twice, f"{len(twice)} awards stored twice, e.g. {twice[:3]}"
        server_seqs = [e[3] for e in self.events]
        assert server_seqs == list(range(1, len(server_seqs) + 1)), "server_seq has gaps"
        for device_id in {e[1] for e in self.events} | {r[1] for r in self.rejected}:
            seqs = sorted([e[2] for e in self.events if e[1] == device_id]
                          + [r[2] for r in self.rejected if r[1] == device_id])
            assert seqs == list(range(1, len(seqs) + 1)), f"gaps in {device_id}'s seqs"
            assert self.last_seq[device_id] == len(seqs)


def outbox(room: Classroom) -> list[tuple[int, str, str, str]]:
    """(seq, event_id, kind, state) of every outbox row, by seq."""
    return [tuple(r) for r in query(
        room.ctx.db_path, "SELECT seq, event_id, kind, state FROM outbox ORDER BY seq")]


def local_award_ids(room: Classroom) -> set[str]:
    return {r[0] for r in query(room.ctx.db_path, "SELECT id FROM awards")}


def history(room: Classroom) -> tuple[list[tuple[Any, ...]], list[str]]:
    """Every award (with what makes it that award) and every undo, sorted."""
    awards = query(room.ctx.db_path, "SELECT id, student_id, class_id, skill_id, points, "
                                     "at_ms, batch_id, hlc FROM awards ORDER BY id")
    undos = [r[0] for r in query(room.ctx.db_path,
                                 "SELECT award_id FROM award_undos ORDER BY 1")]
    return awards, undos


def all_time_totals(room: Classroom) -> dict[str, int]:
    rows = query(room.ctx.db_path,
                 "SELECT student_id, SUM(points) FROM awards a WHERE NOT EXISTS "
                 "(SELECT 1 FROM award_undos u WHERE u.award_id = a.id) GROUP BY student_id")
    return {r[0]: int(r[1]) for r in rows}


def check_device_on_server(ledger: ServerLedger, room: Classroom) -> None:
    """Everything the device made is on the server once, under the seq it was given:
    applied if the device has it as sent, refused if the device shows it as rejected."""
    rows = outbox(room)
    states = Counter(r[3] for r in rows)
    assert set(states) <= {"sent", "rejected"}, f"outbox not drained: {dict(states)}"
    device_id = room.ctx.device_id
    applied = {e[2]: e[0] for e in ledger.events if e[1] == device_id}
    refused = {r[2]: r[0] for r in ledger.rejected if r[1] == device_id}
    assert applied == {r[0]: r[1] for r in rows if r[3] == "sent"}, "server and outbox differ"
    assert refused == {r[0]: r[1] for r in rows if r[3] == "rejected"}
    assert ledger.last_seq[device_id] == len(rows)


def sync_until_idle(room: Classroom, max_failures: int = 400,
                    on_failure: Callable[[SyncError], None] | None = None) -> list[SyncError]:
    """Run ``sync_once`` until one round succeeds with nothing left to send.

    Returns the errors met on the way (a round that fails is simply run again, as the
    scheduler would after its backoff).
    """
    errors: list[SyncError] = []
    engine = room.sync.engine()
    assert engine is not None, "device is not paired"
    try:
        while True:
            try:
                engine.sync_once()
            except SyncError as exc:
                errors.append(exc)
                if on_failure is not None:
                    on_failure(exc)
                assert len(errors) <= max_failures, f"still failing: {exc}"
                continue
            if room.sync.counts().waiting == 0:
                return errors
    finally:
        engine.transport.close()


def award_many(room: Classroom, class_id: str, students: list[str], skills: list[str],
               total: int, sizes: Iterable[int]) -> list[str]:
    """Award until at least ``total`` awards are made, taps of the given sizes in turn."""
    made: list[str] = []
    sizes = list(sizes)
    tap = 0
    while len(made) < total:
        size = min(sizes[tap % len(sizes)], len(students))
        start = (tap * 7) % len(students)
        chosen = (students[start:] + students[:start])[:size]
        made.extend(room.awards.give(class_id, chosen, skills[tap % len(skills)]).award_ids)
        tap += 1
    return made

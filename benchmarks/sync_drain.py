"""Outbox drain: 10,000 awards made offline on one device reach the server.

A device pairs with a real `dojo-server serve` (SQLite, child process on 127.0.0.1),
creates the demo class and pushes it; then the server is stopped and the device makes
10,000 awards offline (real outbox rows, through the real writer: in chunks of 500 by
default, or one `classroom.awards.give` per tap with --taps). The server comes back and
the figure is the time of the client's push loop, `engine.push_all()`, from its start
until it returns with every answer recorded in the outbox (that the server has every
event is checked afterwards in its database). Also printed: the time until the last
answer arrived, when the server had them all. Goal: at most 0.5 s on loopback with the
SQLite server (20,000 events/s).

Baseline in the same run: plain sqlite3 `executemany` of the same number of similar rows
into a WAL / synchronous=FULL table in one transaction (and in 500-row transactions,
as many as the push makes).

The device token is kept in an in-memory keyring installed at start (this machine has no
OS keyring); nothing is written to any real keyring.

    python benchmarks/sync_drain.py [--awards 10000] [--rounds 1] [--taps] [--keep]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dojo_desktop.core import events as ev
from dojo_desktop.core.ids import uuid7
from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.sync.engine import PUSH_PIPELINE, SyncEngine
from sync_kit import (
    ServerProcess,
    cprofile_summary,
    install_memory_keyring,
    machine_line,
    pair_with_demo_class,
    percentile,
    py_spy,
    stop_on_sigterm,
    summarize_stacks,
)

GOAL_S = 0.5
T = TypeVar("T")


class Timer:
    """Adds up the wall time of the calls it wraps."""

    def __init__(self) -> None:
        self.calls: list[float] = []
        self.ended: list[float] = []  # perf_counter() at the end of each call
        self.errors: list[str] = []  # the exceptions' class names

    def wrap(self, fn: Callable[..., T]) -> Callable[..., T]:
        def timed(*args: Any, **kwargs: Any) -> T:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                self.errors.append(type(exc).__name__)
                raise
            finally:
                self.ended.append(time.perf_counter())
                self.calls.append(self.ended[-1] - start)
        return timed

    @property
    def total(self) -> float:
        return sum(self.calls)


def make_awards(classroom: Classroom, class_id: str, count: int, chunk: int,
                taps: bool) -> float:
    """``count`` awards, offline: domain rows + outbox rows through the real writer."""
    students = [s.id for s in classroom.roster.students(class_id)]
    skills = [s for s in classroom.skills.list() if s.points > 0]
    started = time.perf_counter()
    if taps:
        for i in range(count):
            classroom.awards.give(class_id, [students[i % len(students)]],
                                  skills[i % len(skills)].id)
        return time.perf_counter() - started
    ctx = classroom.ctx
    made = 0
    while made < count:
        batch = []
        for i in range(made, min(made + chunk, count)):
            skill = skills[i % len(skills)]
            batch.append(ev.award_given(
                ctx.clock.now(), award_id=uuid7(), student_id=students[i % len(students)],
                class_id=class_id, skill_id=skill.id, points=skill.points,
                batch_id=uuid7(), at_ms=ctx.now_ms()))
        ctx.record(batch)
        made += len(batch)
    return time.perf_counter() - started


def server_event_count(server: ServerProcess, device_id: str) -> tuple[int, int]:
    """(events stored for the device, its last_seq), read straight from the server's file."""
    conn = sqlite3.connect(f"file:{server.sqlite_path}?mode=ro", uri=True)
    try:
        events = conn.execute("SELECT count(*) FROM events WHERE device_id = ?",
                              (device_id,)).fetchone()[0]
        last_seq = conn.execute("SELECT last_seq FROM devices WHERE id = ?",
                                (device_id,)).fetchone()[0]
    finally:
        conn.close()
    return int(events), int(last_seq)


def sqlite_baseline(directory: Path, n: int, per_transaction: int) -> float:
    """``n`` rows shaped like the server's events, executemany in WAL + synchronous=FULL."""
    path = directory / f"baseline-{per_transaction}.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE events (school_id TEXT, server_seq INTEGER, event_id TEXT "
                 "UNIQUE, device_id TEXT, seq INTEGER, kind TEXT, hlc TEXT, payload TEXT, "
                 "received_ms INTEGER, PRIMARY KEY (school_id, server_seq), "
                 "UNIQUE (device_id, seq))")
    school, device = str(uuid.uuid4()), str(uuid.uuid4())
    now = int(time.time() * 1000)
    rows = []
    for i in range(1, n + 1):
        payload = {"award_id": str(uuid.uuid4()), "student_id": str(uuid.uuid4()),
                   "class_id": school, "skill_id": str(uuid.uuid4()), "points": 1,
                   "batch_id": str(uuid.uuid4()), "at_ms": now, "note": ""}
        rows.append((school, i, str(uuid.uuid4()), device, i, "award_given",
                     f"{now:015d}-{i % 1000:06d}-{device}", json.dumps(payload), now))
    started = time.perf_counter()
    for first in range(0, n, per_transaction):
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         rows[first:first + per_transaction])
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def drain(classroom: Classroom, server: ServerProcess, expected: int,
          profile: Path | None = None) -> dict[str, Any]:
    """Time one `push_all` from a fresh engine against the freshly started server.

    With ``profile`` (a folder), py-spy samples the server and cProfile the client during
    the drain (the figure is then slower than without)."""
    engine = classroom.sync.engine()
    assert isinstance(engine, SyncEngine), "the device is not paired"
    store = classroom.sync.store
    http, pending, ack = Timer(), Timer(), Timer()
    # Wrap the instance attributes (not the classes): the timings of each step.
    engine.transport.push_json = http.wrap(  # type: ignore[method-assign]
        engine.transport.push_json)
    store.pending = pending.wrap(store.pending)  # type: ignore[method-assign]
    store.acknowledge = ack.wrap(store.acknowledge)  # type: ignore[method-assign]
    server_cpu_before = server.cpu_seconds() or 0.0
    client_cpu_before = time.process_time()
    profiler = cProfile.Profile() if profile else None
    spy = py_spy(server.pid, profile / "server-drain.txt") if profile \
        else contextlib.nullcontext()
    try:
        with spy:
            if profiler:
                profiler.enable()
            started = time.perf_counter()
            report = engine.push_all()
            elapsed = time.perf_counter() - started
            if profiler:
                profiler.disable()
                profiler.dump_stats(profile / "client-drain.pstats")
    finally:
        del store.pending, store.acknowledge  # back to the class's methods
        engine.transport.close()
    client_cpu = time.process_time() - client_cpu_before
    server_cpu = (server.cpu_seconds() or 0.0) - server_cpu_before
    stored, last_seq = server_event_count(server, classroom.ctx.device_id)
    # The server has every event once the last answer is in (push_all then records it).
    stored_s = max(http.ended) - started
    return {"elapsed": elapsed, "stored_s": stored_s, "pushed": report.pushed,
            "rejected": report.rejected,
            "http": http, "pending": pending, "ack": ack, "client_cpu": client_cpu,
            "server_cpu": server_cpu, "stored": stored, "last_seq": last_seq,
            "expected": expected}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Runs its own dojo-server on 127.0.0.1 (free port) in a temp folder; the "
               "device token lives in an in-memory keyring.")
    parser.add_argument("--awards", type=int, default=10_000, help="awards per round")
    parser.add_argument("--rounds", type=int, default=1,
                        help="offline/online rounds (server restarted each time)")
    parser.add_argument("--chunk", type=int, default=500, help="awards per writer call")
    parser.add_argument("--taps", action="store_true",
                        help="make the awards one classroom.awards.give per tap (slower)")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    parser.add_argument("--profile", type=Path, metavar="DIR",
                        help="profile the drain: py-spy on the server, cProfile on the "
                             "client; files and a summary go to DIR (slows the figure)")
    args = parser.parse_args()
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    stop_on_sigterm()
    install_memory_keyring()
    root = Path(tempfile.mkdtemp(prefix="dojo-bench-drain-"))
    classroom: Classroom | None = None
    results = []
    try:
        with ServerProcess(root) as server:
            classroom = open_classroom(root / "device")
            class_id = pair_with_demo_class(classroom, server, "drain-bench")
            for _round in range(args.rounds):
                server.stop()  # offline from here
                made_s = make_awards(classroom, class_id, args.awards, args.chunk, args.taps)
                waiting = classroom.sync.counts().waiting
                assert waiting == args.awards, f"{waiting} waiting, expected {args.awards}"
                server.start()  # back online: not part of the figure
                before, _ = server_event_count(server, classroom.ctx.device_id)
                result = drain(classroom, server, before + args.awards, args.profile)
                result["made_s"] = made_s
                results.append(result)
            server_pid = server.pid
        baseline_one = sqlite_baseline(root, args.awards, args.awards)
        baseline_500 = sqlite_baseline(root, args.awards, 500)
    finally:
        if classroom is not None:
            classroom.close()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)

    print(machine_line())
    print(f"server: dojo-server serve (SQLite, WAL, synchronous=FULL), pid {server_pid}, "
          "127.0.0.1; client: this process, requests over loopback")
    print(f"awards made offline per round: {args.awards} "
          f"({'one give() per tap' if args.taps else f'writer chunks of {args.chunk}'})")
    for i, r in enumerate(results, 1):
        ok = r["stored"] == r["expected"] and r["pushed"] == args.awards and not r["rejected"]
        rate = args.awards / r["elapsed"]
        verdict = "meets" if r["elapsed"] <= GOAL_S else "MISSES"
        print(f"round {i}: made offline in {r['made_s']:.2f} s; "
              f"server has {r['stored']} events (last_seq {r['last_seq']}) "
              f"{'= all' if ok else '!= expected ' + str(r['expected'])}")
        print(f"  drain (engine.push_all)      {r['elapsed']:7.3f} s  {rate:9,.0f} events/s   "
              f"goal <= {GOAL_S} s (20,000 events/s): {verdict}")
        print(f"  of which until the last answer arrived (the server has them all) "
              f"{r['stored_s']:.3f} s")
        http, pend, ack = r["http"], r["pending"], r["ack"]
        n = len(http.calls)
        refused = ", ".join(f"{name} x{http.errors.count(name)}"
                            for name in sorted(set(http.errors))) or "none"
        print(f"  {n} pushes, up to {PUSH_PIPELINE} on their way at once; round trip p50 "
              f"{percentile(http.calls, 50) * 1000:.0f} ms, max "
              f"{max(http.calls) * 1000:.0f} ms per 500-event batch (incl. JSON both ways; "
              f"sum {http.total:.3f} s); errors: {refused}")
        # Outbox reads and acknowledgements overlap the batches on their way.
        print(f"  outbox read (pending)        {pend.total:7.3f} s  (overlaps HTTP)")
        print(f"  outbox ack (acknowledge)     {ack.total:7.3f} s  (overlaps HTTP)")
        print(f"  CPU during the drain: server {r['server_cpu']:.2f} s, "
              f"client {r['client_cpu']:.2f} s")
    print(f"baseline: sqlite3 executemany {args.awards} rows, 1 transaction  "
          f"{baseline_one:7.3f} s  {args.awards / baseline_one:9,.0f} rows/s")
    print(f"baseline: same in 500-row transactions          "
          f"{baseline_500:7.3f} s  {args.awards / baseline_500:9,.0f} rows/s")
    best = min(r["elapsed"] for r in results)
    print(f"drain / baseline (1 transaction): {best / baseline_one:.0f}x")
    if args.profile:
        print("\n--- server profile (py-spy, last round) ---")
        print(summarize_stacks(args.profile / "server-drain.txt"))
        print("\n--- client profile (cProfile, last round) ---")
        print(cprofile_summary(args.profile / "client-drain.pstats"))


if __name__ == "__main__":
    main()

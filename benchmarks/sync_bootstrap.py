"""Bootstrap: a new device pulls a school year of one class (100,000 events) from the server.

Untimed set-up: a teacher device is built with benchmarks/school_year.py's
build_school_year (the demo class and 100,000 awards through the real writer), paired
with a real `dojo-server serve` (SQLite, child process on 127.0.0.1) and pushed.
Timed: a fresh device (new data folder) pairs and runs `engine.pull_all()` until the
server has nothing more: a new device downloads the school whole into shadow tables and
takes it in at once (sync/first_sync_tables.py). Goal: at most 3 s. The new device must end with
the same award count and the same per-class digest as the teacher's device.

Baseline in the same run: plain sqlite3 executemany of as many award-shaped rows plus
pulled-event rows (what applying must write at least) in 500-row transactions, and in
transactions of one catch-up page (5,000), WAL and synchronous=FULL.

The device tokens are kept in an in-memory keyring installed at start (this machine has
no OS keyring); nothing is written to any real keyring.

    python benchmarks/sync_bootstrap.py [--awards 100000] [--keep]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.sync.engine import CATCH_UP_PAGE
from dojo_desktop.sync.first_sync_tables import Bootstrap
from school_year import build_school_year
from sync_drain import Timer
from sync_kit import (
    ServerProcess,
    cprofile_summary,
    install_memory_keyring,
    machine_line,
    py_spy,
    stop_on_sigterm,
    summarize_stacks,
)

GOAL_S = 3.0


def apply_baseline(directory: Path, n: int, per_transaction: int = 500) -> float:
    """The floor: ``n`` award rows + ``n`` pulled-event rows (as the app writes them),
    executemany, ``per_transaction`` per commit."""
    directory.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(directory / "baseline.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE awards (id TEXT PRIMARY KEY, student_id TEXT, class_id TEXT, "
                 "skill_id TEXT, points INTEGER, at_ms INTEGER, batch_id TEXT, note TEXT, "
                 "device_id TEXT, hlc TEXT)")
    conn.execute("CREATE INDEX awards_class_at ON awards (class_id, at_ms)")
    conn.execute("CREATE TABLE pulled (event_id TEXT PRIMARY KEY, server_seq INTEGER, "
                 "device_id TEXT, kind TEXT, hlc TEXT, payload TEXT, error TEXT)")
    device, klass = str(uuid.uuid4()), str(uuid.uuid4())
    now = int(time.time() * 1000)
    awards, pulled = [], []
    for i in range(n):
        award = (str(uuid.uuid4()), str(uuid.uuid4()), klass, str(uuid.uuid4()), 1, now - i,
                 str(uuid.uuid4()), "", device, f"{now:015d}-{i % 1000:06d}-{device}")
        awards.append(award)
        # As the app keeps them: an award's payload is in its awards row, not twice
        # (dojo_desktop.sync.sync_store.AWARD_KEYS).
        pulled.append((str(uuid.uuid4()), i + 1, device, "award_given", award[-1], "", ""))
    started = time.perf_counter()
    for first in range(0, n, per_transaction):
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO awards VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         awards[first:first + per_transaction])
        conn.executemany("INSERT INTO pulled VALUES (?, ?, ?, ?, ?, ?, ?)",
                         pulled[first:first + per_transaction])
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Runs its own dojo-server on 127.0.0.1 (free port) in a temp folder; device "
               "tokens live in an in-memory keyring.")
    parser.add_argument("--awards", type=int, default=100_000,
                        help="awards in the school year (default 100000)")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    parser.add_argument("--profile", type=Path, metavar="DIR",
                        help="profile the pull: py-spy on the server, cProfile on the "
                             "client; files and a summary go to DIR (slows the figure)")
    args = parser.parse_args()
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    stop_on_sigterm()
    install_memory_keyring()
    root = Path(tempfile.mkdtemp(prefix="dojo-bench-bootstrap-"))
    teacher: Classroom | None = None
    fresh: Classroom | None = None
    try:
        started = time.perf_counter()
        class_id = build_school_year(root / "teacher", awards=args.awards)
        built_s = time.perf_counter() - started
        with ServerProcess(root) as server:
            teacher = open_classroom(root / "teacher")
            teacher.sync.pair(server.url, server.enroll_code("teacher"), device_name="teacher")
            engine = teacher.sync.engine()
            assert engine is not None
            started = time.perf_counter()
            pushed = engine.push_all().pushed  # untimed set-up (see sync_drain.py for this)
            push_s = time.perf_counter() - started
            engine.transport.close()

            fresh = open_classroom(root / "new-device")
            fresh.sync.pair(server.url, server.enroll_code("teacher"), device_name="new")
            engine = fresh.sync.engine()
            assert engine is not None
            store = fresh.sync.store
            http, apply = Timer(), Timer()
            transport = engine.transport
            transport.pull = http.wrap(transport.pull)  # type: ignore[method-assign]
            transport.pull_raw = http.wrap(transport.pull_raw)  # type: ignore[method-assign]
            store.apply_page = apply.wrap(store.apply_page)  # type: ignore[method-assign]
            phases = {name: Timer() for name in ("add_page", "finish", "take_in")}
            for name, timer in phases.items():
                setattr(Bootstrap, name, timer.wrap(getattr(Bootstrap, name)))
            server_cpu = server.cpu_seconds() or 0.0
            client_cpu = time.process_time()
            profiler = cProfile.Profile() if args.profile else None
            spy = (py_spy(server.pid, args.profile / "server-pull.txt") if args.profile
                   else contextlib.nullcontext())
            with spy:
                if profiler:
                    profiler.enable()
                started = time.perf_counter()
                report = engine.pull_all()
                elapsed = time.perf_counter() - started
                for thread in threading.enumerate():
                    if thread.name == "checkpoint":  # the first sync's WAL checkpoint
                        thread.join()
                checkpoint_s = time.perf_counter() - started - elapsed
                if profiler:
                    profiler.disable()
                    profiler.dump_stats(args.profile / "client-pull.pstats")
            client_cpu = time.process_time() - client_cpu
            server_cpu = (server.cpu_seconds() or 0.0) - server_cpu
            del store.apply_page
            engine.transport.close()
            server_pid = server.pid

        teacher_awards = teacher.ctx.reader.count("awards")
        fresh_awards = fresh.ctx.reader.count("awards")
        same_digest = (teacher.sync.store.class_digest(class_id)
                       == fresh.sync.store.class_digest(class_id))
        baseline = apply_baseline(root, report.pulled.applied)
        baseline_pages = apply_baseline(root / "pages", report.pulled.applied, CATCH_UP_PAGE)
    finally:
        for classroom in (teacher, fresh):
            if classroom is not None:
                classroom.close()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)

    events = report.pulled.applied + report.pulled.skipped
    rate = events / elapsed
    print(machine_line())
    print(f"server: dojo-server serve (SQLite, WAL, synchronous=FULL), pid {server_pid}, "
          "127.0.0.1; client: this process, requests over loopback")
    print(f"set-up (untimed): school year built in {built_s:.1f} s; {pushed} events pushed "
          f"in {push_s:.1f} s ({pushed / push_s:,.0f} events/s)")
    print(f"new device: {report.pulled.applied} events applied, {report.pulled.skipped} "
          f"skipped; awards {fresh_awards} (teacher's device {teacher_awards}); "
          f"class digest {'equal' if same_digest else 'DIFFERENT'}")
    verdict = "meets" if elapsed <= GOAL_S else "MISSES"
    print(f"bootstrap (engine.pull_all)     {elapsed:7.2f} s  {rate:9,.0f} events/s   "
          f"goal <= {GOAL_S:.0f} s: {verdict}")
    pages = max(len(http.calls), 1)
    print(f"  {len(http.calls)} pulls of up to {CATCH_UP_PAGE} events: HTTP + JSON parsing "
          f"{http.total:7.2f} s  (per page: {http.total / pages * 1000:.0f} ms; "
          "all but the first in a helper thread, overlapping the loading)")
    if phases["add_page"].calls:
        print(f"  first sync downloaded whole: pages loaded into shadow tables "
              f"{phases['add_page'].total:5.2f} s; indexes built and copy checked "
              f"{phases['finish'].total:5.2f} s; taken into the live database (one "
              f"transaction, outbox replayed) {phases['take_in'].total:5.2f} s")
    print(f"  then, in the background: the WAL checkpoint finished {checkpoint_s:.2f} s after "
          "pull_all returned")
    if apply.calls:
        print(f"  apply_page (SQLite)           {apply.total:7.2f} s  "
              f"(per page: {apply.total / len(apply.calls) * 1000:.0f} ms)")
    print(f"  rest of pull_all (waiting for pages, parsing, pairing checks) "
          f"{elapsed - apply.total - sum(t.total for t in phases.values()):5.2f} s")
    print(f"  CPU during the pull: server {server_cpu:.2f} s, client {client_cpu:.2f} s")
    print(f"baseline: sqlite3 executemany {report.pulled.applied} award rows + as many "
          f"pulled-event rows, 500 per commit: {baseline:.2f} s "
          f"({report.pulled.applied / baseline:,.0f} events/s); {CATCH_UP_PAGE} per commit: "
          f"{baseline_pages:.2f} s ({report.pulled.applied / baseline_pages:,.0f} events/s)")
    if args.profile:
        print("\n--- server profile (py-spy) ---")
        print(summarize_stacks(args.profile / "server-pull.txt"))
        print("\n--- client profile (cProfile) ---")
        print(cprofile_summary(args.profile / "client-pull.pstats", top=40))


if __name__ == "__main__":
    main()

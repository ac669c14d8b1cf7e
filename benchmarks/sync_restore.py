"""Restore healing: a school's server put back from a backup by hand, until every device agrees.

A real `dojo-server serve` (SQLite, child process on 127.0.0.1) and 30 devices in this
process (real app instances: their own data folders, store and sync engine), paired for
the whole school. The devices award points (--awards in all) and sync; the server is
backed up while it runs (`dojo-server backup`); more awards (--after) are made and
synced, and a third of the devices make a few more that are still waiting when the
server goes down. Then IT's mistake: the server is stopped, the backup file copied over
its database (no `new-epoch`), and the server started again.

The figure: from the restored server answering `/v1/health` until every device has
converged: every device's totals equal the server's, the server holds every award any
device has, every outbox is empty. Meanwhile the devices sync in rounds, all of them at
once (--workers threads), as their schedulers would once the server is back: the first
to come proves the restore, the server moves to a new epoch, every device downloads
again and re-pushes what the backup lacked. Also printed: the server's start (process
spawned -> health), the rounds, and how many awards were re-pushed. Goal: at most 10 s.

The device tokens are kept in an in-memory keyring installed at start (this machine has
no OS keyring); nothing is written to any real keyring.

    python benchmarks/sync_restore.py [--devices 30] [--awards 3000] [--after 1500]
        [--waiting 10] [--workers 6] [--keep]
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.sync.engine import SyncEngine
from dojo_desktop.sync.errors import SyncError
from sync_kit import ServerProcess, install_memory_keyring, machine_line, stop_on_sigterm

GOAL_S = 10.0
MAX_ROUNDS = 40


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def award_many(rooms: list[Classroom], class_id: str, total: int, rng: random.Random) -> int:
    """About ``total`` awards, spread over ``rooms``, taps of 1 to 3 students."""
    students = [s.id for s in rooms[0].roster.students(class_id)]
    skills = [s.id for s in rooms[0].skills.list() if s.points > 0]
    made = 0
    while made < total:
        room = rooms[made % len(rooms)]
        chosen = rng.sample(students, rng.randint(1, 3))
        made += len(room.awards.give(class_id, chosen, rng.choice(skills)).award_ids)
    return made


def sync_round(engines: list[SyncEngine], rooms: list[Classroom], pool: ThreadPoolExecutor
               ) -> tuple[bool, int]:
    """Every device syncs once, at the same time: (nothing moved, awards requeued)."""
    def one(engine: SyncEngine) -> tuple[bool, int]:
        try:
            report = engine.sync_once()
        except SyncError:
            return False, 0
        return not (report.pushed or report.requeued or report.pulled.applied), report.requeued

    answers = list(pool.map(one, engines))
    quiet = all(q for q, _ in answers) and all(r.sync.counts().waiting == 0 for r in rooms)
    return quiet, sum(n for _, n in answers)


def settle(engines: list[SyncEngine], rooms: list[Classroom], pool: ThreadPoolExecutor
           ) -> tuple[int, int]:
    """Sync rounds until one moves nothing: (rounds, awards requeued)."""
    requeued = 0
    for round_number in range(1, MAX_ROUNDS + 1):
        quiet, again = sync_round(engines, rooms, pool)
        requeued += again
        if quiet:
            return round_number, requeued
    raise RuntimeError(f"the devices did not settle in {MAX_ROUNDS} rounds")


def server_totals(path: Path) -> tuple[dict[str, int], set[str]]:
    """Each student's points on the server, and every award id it holds."""
    rows = query(path, "SELECT kind, payload FROM events WHERE kind IN "
                       "('award_given', 'award_undone')")
    undone = {a for kind, p in rows if kind == "award_undone"
              for a in json.loads(str(p))["award_ids"]}
    totals: Counter[str] = Counter()
    ids = set()
    for kind, payload in rows:
        if kind == "award_given":
            award = json.loads(str(payload))
            ids.add(award["award_id"])
            if award["award_id"] not in undone:
                totals[award["student_id"]] += award["points"]
    return dict(totals), ids


def converged(server_db: Path, rooms: list[Classroom]) -> str:
    """'' if every device agrees with the server and the server has all; else what not."""
    totals, ids = server_totals(server_db)
    for index, room in enumerate(rooms):
        local = room.ctx.db_path
        mine = dict(query(local, "SELECT student_id, SUM(points) FROM awards a WHERE NOT "
                                 "EXISTS (SELECT 1 FROM award_undos u WHERE u.award_id = "
                                 "a.id) GROUP BY student_id"))
        if mine != totals:
            return f"device {index}'s totals differ from the server's"
        if not {str(r[0]) for r in query(local, "SELECT id FROM awards")} <= ids:
            return f"the server lacks awards device {index} has"
        if room.sync.counts().waiting:
            return f"device {index} still has events waiting"
    return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=30)
    parser.add_argument("--awards", type=int, default=3000, help="awards in the backup")
    parser.add_argument("--after", type=int, default=1500,
                        help="awards synced after the backup (the server loses them)")
    parser.add_argument("--waiting", type=int, default=10,
                        help="awards waiting on each of a third of the devices")
    parser.add_argument("--workers", type=int, default=6, help="devices syncing at once")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args()
    stop_on_sigterm()
    install_memory_keyring()
    # Each device notes the new epoch with a warning: 30 lines that are the point here.
    logging.getLogger("dojo_desktop.sync").setLevel(logging.ERROR)
    rng = random.Random(args.seed)
    root = Path(tempfile.mkdtemp(prefix="dojo-bench-restore-"))
    rooms: list[Classroom] = []
    engines: list[SyncEngine] = []
    try:
        with ServerProcess(root) as server, \
                ThreadPoolExecutor(max_workers=args.workers) as pool:
            for index, code in enumerate(server.enroll_codes(args.devices)):
                room = open_classroom(root / f"device-{index}")
                room.sync.pair(server.url, code, device_name=f"device {index}")
                rooms.append(room)
            demo = rooms[0].create_demo_class()
            for room in rooms:
                engine = room.sync.engine()
                assert engine is not None
                engines.append(engine)
            settle(engines, rooms, pool)
            award_many(rooms, demo.id, args.awards, rng)
            settle(engines, rooms, pool)
            backup = root / "backup.sqlite3"
            server.cli("backup", str(backup))
            lost = award_many(rooms, demo.id, args.after, rng)
            settle(engines, rooms, pool)
            waiting = award_many(rooms[::3], demo.id, args.waiting * len(rooms[::3]), rng)
            held_before = len(server_totals(server.sqlite_path)[1])

            server.stop()
            shutil.copyfile(backup, server.sqlite_path)
            spawned = time.perf_counter()
            server.start()
            started = time.perf_counter()
            held_restored = len(server_totals(server.sqlite_path)[1])
            rounds, requeued = settle(engines, rooms, pool)
            problem = converged(server.sqlite_path, rooms)
            done = time.perf_counter()
            held_after = len(server_totals(server.sqlite_path)[1])
            proofs = server.log_path.read_text(errors="replace").count(
                "restored from a backup")
    finally:
        for engine in engines:
            engine.transport.close()
        for room in rooms:
            room.close()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)

    print(machine_line())
    print(f"server: dojo-server serve (SQLite, WAL, synchronous=FULL), 127.0.0.1; "
          f"{args.devices} devices in this process, whole school, {args.workers} syncing at "
          "once")
    print(f"awards: {held_before} on the server before the restore ({lost} made after the "
          f"backup), {held_restored} after it; {waiting} waiting on the devices; "
          f"{held_after} at the end; {requeued} events requeued by the devices; proofs "
          f"logged: {proofs}")
    if problem:
        print(f"NOT CONVERGED: {problem}")
    elapsed = done - started
    verdict = "meets" if elapsed <= GOAL_S and not problem else "MISSES"
    print(f"server start (spawn -> /v1/health)      {started - spawned:6.2f} s")
    print(f"restored server up -> all converged     {elapsed:6.2f} s in {rounds} rounds"
          f"   goal <= {GOAL_S:.0f} s: {verdict}")


if __name__ == "__main__":
    main()

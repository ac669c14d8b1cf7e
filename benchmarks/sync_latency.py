"""Second-device latency: an award on device A shows up in device B's store.

Two app instances (A and B, their own data folders) are paired with one real
`dojo-server serve` (SQLite, child process on 127.0.0.1). B runs the real SyncScheduler
(src/dojo_desktop/sync/scheduler.py) on a plain asyncio loop in this process (no Qt),
long-polling the server; its ``on_changes`` callback notes time.perf_counter() for every
student it reports. A awards one student at a time (``classroom.awards.give``, then
``engine.push_all()``, in a worker thread), 200 times, 50-100 ms apart after each
arrival. The figure per award: from A's give() call until B's on_changes names that
student (B's store has committed it by then). Goal: p95 at most 200 ms.

Printed beside it: A's give() and push_all() times, and the rest (server wake-up of B's
long poll, B's pull and apply, the callback) as "push -> B".

The device tokens are kept in an in-memory keyring installed at start (this machine has
no OS keyring); nothing is written to any real keyring.

    python benchmarks/sync_latency.py [--awards 200] [--warmup 5] [--keep]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dojo_desktop.core.sync_status import SyncState, SyncStatus
from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.sync.engine import SyncEngine
from dojo_desktop.sync.scheduler import SyncScheduler
from dojo_desktop.sync.sync_store import AppliedPage
from sync_kit import (
    ServerProcess,
    install_memory_keyring,
    machine_line,
    percentile,
    stop_on_sigterm,
)

GOAL_P95_MS = 200.0
ARRIVAL_TIMEOUT_S = 10.0


def line(name: str, values_s: list[float]) -> str:
    ms = [v * 1000 for v in values_s]
    return (f"{name:<34} n={len(ms):<4} p50={percentile(ms, 50):7.1f} ms  "
            f"p95={percentile(ms, 95):7.1f} ms  max={max(ms):7.1f} ms")


async def scenario(a: Classroom, b: Classroom, class_id: str, awards: int,
                   warmup: int, seed: int) -> dict[str, list[float]]:
    loop = asyncio.get_running_loop()
    rng = random.Random(seed)
    waiting: dict[str, asyncio.Future[float]] = {}
    statuses: list[SyncStatus] = []

    def on_changes(page: AppliedPage) -> None:
        now = time.perf_counter()
        for student_id in page.students:
            future = waiting.pop(student_id, None)
            if future is not None and not future.done():
                future.set_result(now)

    def counts() -> tuple[int, int]:
        current = b.sync.counts()
        return current.waiting, current.rejected

    push_b, pull_b = b.sync.engine(), b.sync.engine()
    assert push_b is not None and pull_b is not None
    scheduler = SyncScheduler(push_b, pull_b, counts, statuses.append, on_changes,
                              server_url=b.sync.server_url() or "")
    engine_a = a.sync.engine()
    assert isinstance(engine_a, SyncEngine)
    students = [s.id for s in a.roster.students(class_id)]
    skill = next(s for s in a.skills.list() if s.points > 0)

    def give_and_push(student_id: str) -> tuple[float, float, float]:
        started = time.perf_counter()
        a.awards.give(class_id, [student_id], skill.id)
        given = time.perf_counter()
        engine_a.push_all()
        return started, given, time.perf_counter()

    results: dict[str, list[float]] = {"total": [], "give": [], "push": [], "rest": [],
                                       "missed": []}
    scheduler.start()
    try:
        deadline = time.monotonic() + 10
        while not (statuses and statuses[-1].state is SyncState.UP_TO_DATE):
            if time.monotonic() > deadline:
                raise RuntimeError(f"B's scheduler did not get up to date: {statuses[-1:]}")
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.3)  # B is now inside a long poll
        for i in range(warmup + awards):
            student_id = students[i % len(students)]
            arrived: asyncio.Future[float] = loop.create_future()
            waiting[student_id] = arrived
            started, given, pushed = await loop.run_in_executor(None, give_and_push,
                                                                student_id)
            try:
                at = await asyncio.wait_for(arrived, ARRIVAL_TIMEOUT_S)
            except TimeoutError:
                waiting.pop(student_id, None)
                results["missed"].append(started)
                continue
            if i >= warmup:
                results["total"].append(at - started)
                results["give"].append(given - started)
                results["push"].append(pushed - given)
                results["rest"].append(max(0.0, at - pushed))
            await asyncio.sleep(rng.uniform(0.05, 0.10))
    finally:
        await scheduler.stop()
        engine_a.transport.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Runs its own dojo-server on 127.0.0.1 (free port) in a temp folder; device "
               "tokens live in an in-memory keyring.")
    parser.add_argument("--awards", type=int, default=200, help="measured awards")
    parser.add_argument("--warmup", type=int, default=5, help="awards not counted")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args()
    stop_on_sigterm()
    install_memory_keyring()
    root = Path(tempfile.mkdtemp(prefix="dojo-bench-latency-"))
    opened: list[Classroom] = []
    try:
        with ServerProcess(root) as server:
            a = open_classroom(root / "device-a")
            opened.append(a)
            b = open_classroom(root / "device-b")
            opened.append(b)
            a.sync.pair(server.url, server.enroll_code("teacher"), device_name="A (laptop)")
            b.sync.pair(server.url, server.enroll_code("teacher"), device_name="B (board)")
            demo = a.create_demo_class()
            for device in (a, b):  # both know the class before the clock starts
                engine = device.sync.engine()
                assert engine is not None
                engine.sync_once()
                engine.transport.close()
            results = asyncio.run(scenario(a, b, demo.id, args.awards, args.warmup,
                                           args.seed))
            server_pid = server.pid
        b_awards = b.ctx.reader.count("awards")
        a_awards = a.ctx.reader.count("awards")
    finally:
        for classroom in opened:
            classroom.close()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)

    print(machine_line())
    print(f"server: dojo-server serve (SQLite, WAL, synchronous=FULL), pid {server_pid}, "
          "127.0.0.1; devices A and B: this process (B: SyncScheduler on asyncio, "
          "long poll 25 s)")
    print(f"awards: {args.awards} measured after {args.warmup} warm-up, 50-100 ms apart; "
          f"missed (> {ARRIVAL_TIMEOUT_S:.0f} s): {len(results['missed'])}; "
          f"B has {b_awards} awards, A has {a_awards}")
    total = results["total"]
    verdict = "meets" if percentile(total, 95) * 1000 <= GOAL_P95_MS else "MISSES"
    print(line("A give() -> B on_changes", total)
          + f"   goal p95 <= {GOAL_P95_MS:.0f} ms: {verdict}")
    print(line("  A give() (local commit)", results["give"]))
    print(line("  A push_all() (HTTP)", results["push"]))
    print(line("  push -> B (wake, pull, apply)", results["rest"]))


if __name__ == "__main__":
    main()

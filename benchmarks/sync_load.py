"""Server load: N classrooms push an award every 5 s each, with a long-poll pull open.

One real `dojo-server serve` child process on 127.0.0.1 (SQLite by default; PostgreSQL
with --database-url, or --postgres for a throwaway cluster this script starts and stops).
Each simulated classroom is one device enrolled for its class, as a classroom's
whiteboard is (codes from `dojo-server enroll-code --class`, enrolled over HTTP), so its
long poll hears of its class's events and the school-wide ones; `--whole-school` enrolls
them for the whole school instead, so every push wakes every classroom. Each device

* pushes one `award_given` event every --interval seconds (a fixed rate, phases spread at
  random): per-device seq 1, 2, 3 ..., a packed HLC ("%015d-%06d-<device>"), a complete
  payload; a failed push is resent next time, as the app does;
* keeps a long-poll `GET /v1/sync/pull?wait=25` open, and after each answer asks again
  from the new cursor (unless --no-pull).

Every classroom's first pull starts at once; the timed pushes begin when the server has
answered that catch-up and sits quiet with the polls open (its time is printed), so the
figure is the steady load, with the polls timing out and coming back as they do.

The load generator is one asyncio loop in this process with httpx.AsyncClient: each
device has one connection for its pushes and one for its long poll, as the app keeps
one connection pool per server. (A shared pool would not do: httpcore scans every
waiting request against every connection each time one finishes, so once pushes queue
the generator spends its core on that scan and times its own lateness, not the
server's.) Its own CPU time is printed next to the server's (and PostgreSQL's).

Figures: push latency p50/p95/p99/max (request sent -> answer read) and the error count
(any push or pull that is not a 200 with every event `applied`). Goal: p99 at most
100 ms, zero errors.

    python benchmarks/sync_load.py [--classrooms 300] [--seconds 60] [--interval 5]
        [--schools 1] [--whole-school] [--no-pull] [--timeline] [--profile DIR]
        [--postgres | --database-url postgresql+psycopg://...]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import shutil
import ssl
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx

from sync_kit import (
    PostgresCluster,
    ServerProcess,
    machine_line,
    percentile,
    postgres_bin,
    py_spy,
    stop_on_sigterm,
    summarize_stacks,
)

try:
    import orjson

    def loads(data: bytes) -> Any:
        return orjson.loads(data)
except ImportError:  # pragma: no cover - orjson is optional
    def loads(data: bytes) -> Any:
        return json.loads(data)

from dojo_desktop import __version__ as client_version
from dojo_desktop.store.schema_version import HEAD_REVISION
from dojo_protocol import PROTOCOL_VERSION

GOAL_P99_MS = 100.0
LONG_POLL_S = 25
# Before the timed load: until the server (and PostgreSQL) use under QUIET_SHARE of a core
# over SETTLE_WINDOW_S, for at most SETTLE_LIMIT_S.
SETTLE_WINDOW_S = 0.5
QUIET_SHARE = 0.1
SETTLE_LIMIT_S = 30.0
STUDENTS_PER_CLASS = 28


@dataclass
class Device:
    """One simulated classroom."""

    device_id: str
    token: str
    school_id: str
    class_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    students: list[str] = field(
        default_factory=lambda: [str(uuid.uuid4()) for _ in range(STUDENTS_PER_CLASS)])
    skill_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    seq: int = 0  # last seq the server acknowledged
    hlc_wall: int = 0
    hlc_counter: int = 0
    pending: bytes | None = None  # a push to send again
    cursor: str = ""

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def hlc(self) -> str:
        wall = time.time_ns() // 1_000_000
        if wall > self.hlc_wall:
            self.hlc_wall, self.hlc_counter = wall, 0
        else:
            self.hlc_counter += 1
        return f"{self.hlc_wall:015d}-{self.hlc_counter:06d}-{self.device_id}"

    def next_push(self, rng: random.Random) -> tuple[str, bytes]:
        """(batch id, body) of one award: the pending resend, or a new event."""
        if self.pending is not None:
            body = self.pending
            return loads(body)["batch_id"], body
        seq = self.seq + 1
        now = time.time_ns() // 1_000_000
        event = {"event_id": str(uuid.uuid4()), "device_id": self.device_id, "seq": seq,
                 "kind": "award_given", "hlc": self.hlc(),
                 "payload": {"award_id": str(uuid.uuid4()),
                             "student_id": rng.choice(self.students),
                             "class_id": self.class_id, "skill_id": self.skill_id,
                             "points": 1, "batch_id": str(uuid.uuid4()), "at_ms": now,
                             "note": ""}}
        batch_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"dojo:{self.device_id}:{seq}-{seq}"))
        body = json.dumps({"protocol_version": PROTOCOL_VERSION,
                           "schema_version": HEAD_REVISION, "batch_id": batch_id,
                           "device_id": self.device_id, "events": [event]}).encode()
        self.pending = body
        return batch_id, body


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    sent_at: list[float] = field(default_factory=list)  # when each answered push left
    pulled_at: list[float] = field(default_factory=list)  # when each pull was answered
    lateness: list[float] = field(default_factory=list)
    push_errors: dict[str, int] = field(default_factory=dict)
    pull_errors: dict[str, int] = field(default_factory=dict)
    pulls: int = 0
    pulled_events: int = 0
    settle_s: float = 0.0  # from the polls' start until the server was quiet
    skipped: int = 0

    def error(self, which: dict[str, int], what: str) -> None:
        which[what] = which.get(what, 0) + 1


async def enroll_all(url: str, codes_by_school: dict[str, list[tuple[str, str]]]
                     ) -> list[Device]:
    """Use every (code, class) over HTTP (8 at a time); the devices with their tokens."""
    devices: list[Device] = []
    limit = asyncio.Semaphore(8)
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        async def enroll(school_id: str, index: int, code: str, class_id: str) -> None:
            device_id = str(uuid.uuid4())
            async with limit:
                answer = await client.post("/v1/devices/enroll", json={
                    "code": code, "device_id": device_id,
                    "device_name": f"classroom {index}", "client_version": client_version})
            answer.raise_for_status()
            devices.append(Device(device_id, answer.json()["token"], school_id, class_id))

        await asyncio.gather(*(enroll(school, i, code, class_id)
                               for school, codes in codes_by_school.items()
                               for i, (code, class_id) in enumerate(codes)))
    return devices


async def push_loop(device: Device, client: httpx.AsyncClient, tally: Tally,
                    start: float, until: float, interval: float, rng: random.Random) -> None:
    due = start + rng.uniform(0, interval)
    while due < until:
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        if time.perf_counter() >= until:
            tally.skipped += 1  # the generator fell so far behind that the run is over
            break
        tally.lateness.append(max(0.0, time.perf_counter() - due))
        batch_id, body = device.next_push(rng)
        headers = {**device.headers, "Content-Type": "application/json",
                   "Idempotency-Key": batch_id,
                   "X-Client-Time-Ms": str(time.time_ns() // 1_000_000)}
        sent = time.perf_counter()
        try:
            answer = await client.post("/v1/sync/push", content=body, headers=headers)
            content = answer.content
            elapsed = time.perf_counter() - sent
        except httpx.HTTPError as exc:
            tally.error(tally.push_errors, type(exc).__name__)
        else:
            tally.latencies.append(elapsed)
            tally.sent_at.append(sent)
            if answer.status_code != 200:
                tally.error(tally.push_errors, f"HTTP {answer.status_code}")
            else:
                result = loads(content)
                statuses = {r["status"] for r in result["results"]}
                if statuses <= {"applied", "duplicate"}:
                    device.seq, device.pending = result["last_seq"], None
                    if "duplicate" in statuses:
                        tally.error(tally.push_errors, "duplicate (resent after an error)")
                else:
                    tally.error(tally.push_errors, "rejected: " + "; ".join(
                        r.get("reason", "") for r in result["results"]))
                    device.seq, device.pending = result["last_seq"], None
        due += interval


async def pull_loop(device: Device, client: httpx.AsyncClient, tally: Tally) -> None:
    while True:
        try:
            answer = await client.get("/v1/sync/pull", headers=device.headers, params={
                "cursor": device.cursor, "limit": "500", "wait": str(LONG_POLL_S)})
        except httpx.HTTPError as exc:
            tally.error(tally.pull_errors, type(exc).__name__)
            await asyncio.sleep(1)
            continue
        if answer.status_code != 200:
            tally.error(tally.pull_errors, f"HTTP {answer.status_code}")
            await asyncio.sleep(1)
            continue
        # Kept light: the cursor and the event count are found in the bytes, not by
        # parsing a page of up to 500 events per answer.
        content = answer.content
        device.cursor = next_cursor(content)
        tally.pulls += 1
        tally.pulled_at.append(time.perf_counter())
        tally.pulled_events += content.count(b'"server_seq":')


_CURSOR_KEY = b'"next_cursor":"'


def next_cursor(content: bytes) -> str:
    """The ``next_cursor`` of a pull answer (base64url: no quotes or escapes inside)."""
    start = content.rfind(_CURSOR_KEY)
    if start < 0:
        return str(loads(content)["next_cursor"])
    start += len(_CURSOR_KEY)
    return content[start:content.index(b'"', start)].decode()


async def settle(busy: Callable[[], float], limit_s: float) -> float:
    """Wait until the server is quiet: its (and its database's) CPU under a tenth of a
    core over half a second, or ``limit_s``. Returns the seconds waited."""
    started = time.perf_counter()
    used = busy()
    while time.perf_counter() - started < limit_s:
        await asyncio.sleep(SETTLE_WINDOW_S)
        now = busy()
        if now - used < QUIET_SHARE * SETTLE_WINDOW_S:
            break
        used = now
    return time.perf_counter() - started


async def run_load(url: str, devices: list[Device], seconds: float, interval: float,
                   with_pull: bool, seed: int, busy: Callable[[], float]) -> Tally:
    tally = Tally()
    rng = random.Random(seed)
    # One connection per device for its pushes and one for its long poll (see above).
    tls = ssl.create_default_context()  # made once: unused on http://, but httpx wants one

    def one_connection(timeout_s: float) -> httpx.AsyncClient:
        # Kept while idle, as urllib3 keeps it (httpx would drop it after 5 s).
        return httpx.AsyncClient(base_url=url, timeout=httpx.Timeout(timeout_s), verify=tls,
                                 limits=httpx.Limits(max_connections=1,
                                                     max_keepalive_connections=1,
                                                     keepalive_expiry=60.0))

    pushes = [one_connection(30.0) for _ in devices]
    pulls = [one_connection(LONG_POLL_S + 30.0) for _ in devices] if with_pull else []
    pull_tasks: list[asyncio.Task[None]] = []
    try:
        if with_pull:
            # Catch up first, as a device does on start-up, then keep a long poll open.
            pull_tasks = [asyncio.create_task(pull_loop(d, client, tally))
                          for d, client in zip(devices, pulls, strict=True)]
            # The timed load starts once every poll is open and waiting: 300 devices
            # catching up at the same moment is the start of a school day (or a server
            # restart), not the load this measures. How long that took is printed.
            await asyncio.sleep(2.0)
            tally.settle_s = 2.0 + await settle(busy, SETTLE_LIMIT_S)
        start = time.perf_counter()
        until = start + seconds
        await asyncio.wait_for(asyncio.gather(
            asyncio.sleep(seconds),  # the run lasts --seconds even when no push is due
            *(push_loop(d, client, tally, start, until, interval, random.Random(rng.random()))
              for d, client in zip(devices, pushes, strict=True))), timeout=seconds + 120)
    finally:
        for task in pull_tasks:
            task.cancel()
        await asyncio.gather(*pull_tasks, return_exceptions=True)
        for client in pushes + pulls:
            with contextlib.suppress(Exception):
                await client.aclose()
    return tally


def timeline(tally: Tally) -> list[str]:
    """Per second of the load: pushes sent, their p50 and worst latency, pulls answered.
    Shows where a high p99 comes from (the long polls ending together, the start)."""
    if not tally.sent_at:
        return []
    start = min(tally.sent_at)
    pushes: dict[int, list[float]] = {}
    for sent, latency in zip(tally.sent_at, tally.latencies, strict=True):
        pushes.setdefault(int(sent - start), []).append(latency * 1000)
    pulls: dict[int, int] = {}
    for answered in tally.pulled_at:
        if answered >= start:
            pulls[int(answered - start)] = pulls.get(int(answered - start), 0) + 1
    return [f"  {second:4d} s  pushes {len(lat):3d}  p50 {percentile(lat, 50):7.1f} ms  "
            f"max {max(lat):7.1f} ms  pulls answered {pulls.get(second, 0):3d}"
            for second, lat in sorted(pushes.items())]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Runs its own dojo-server on 127.0.0.1 (free port) in a temp folder.")
    parser.add_argument("--classrooms", type=int, default=300, help="devices (default 300)")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the load")
    parser.add_argument("--interval", type=float, default=5.0,
                        help="seconds between one classroom's awards (default 5)")
    parser.add_argument("--schools", type=int, default=1,
                        help="spread the classrooms over this many schools (default 1)")
    parser.add_argument("--whole-school", action="store_true",
                        help="enroll the classrooms for the whole school, not their class: "
                             "every push then wakes every classroom's long poll")
    parser.add_argument("--no-pull", action="store_true", help="pushes only, no long polls")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--timeline", action="store_true",
                        help="also print each second's push latency and pulls answered")
    parser.add_argument("--profile", type=Path, metavar="DIR",
                        help="sample the server with py-spy during the load; the file and "
                             "a summary go to DIR")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--database-url",
                       help="run the server on this database (postgresql+psycopg://...; it "
                            "is migrated and a school is added: use a scratch database)")
    where.add_argument("--postgres", action="store_true",
                       help="start a throwaway PostgreSQL cluster (Debian postgresql "
                            "package) in a temp folder and stop it at the end")
    args = parser.parse_args()
    stop_on_sigterm()
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)

    root = Path(tempfile.mkdtemp(prefix="dojo-bench-load-"))
    cluster: PostgresCluster | None = None
    database_url = args.database_url
    try:
        if args.postgres:
            bin_dir = postgres_bin()
            if bin_dir is None:
                sys.exit("PostgreSQL is not installed: apt-get install postgresql")
            cluster = PostgresCluster(bin_dir)
            database_url = cluster.start()
        setup = time.perf_counter()
        with ServerProcess(root, database_url=database_url) as server:
            schools = [server.school_id] + [
                server.cli("create-school", f"School {i}").strip().splitlines()[-1]
                for i in range(2, args.schools + 1)]
            per_school = [args.classrooms // args.schools + (i < args.classrooms % args.schools)
                          for i in range(args.schools)]
            codes = {}
            for school, n in zip(schools, per_school, strict=True):
                class_ids = [str(uuid.uuid4()) for _ in range(n)]
                made = server.enroll_codes(n, "teacher", school,
                                           None if args.whole_school else class_ids)
                codes[school] = list(zip(made, class_ids, strict=True))
            devices = asyncio.run(enroll_all(server.url, codes))
            setup_s = time.perf_counter() - setup
            server_cpu = server.cpu_seconds() or 0.0
            pg_cpu = cluster.cpu_seconds() if cluster else 0.0
            own_cpu, wall = time.process_time(), time.perf_counter()
            spy = (py_spy(server.pid, args.profile / "server-load.txt") if args.profile
                   else contextlib.nullcontext())
            with spy:
                tally = asyncio.run(run_load(
                    server.url, devices, args.seconds, args.interval, not args.no_pull,
                    args.seed, lambda: (server.cpu_seconds() or 0.0)
                    + (cluster.cpu_seconds() if cluster else 0.0)))
            wall = time.perf_counter() - wall
            own_cpu = time.process_time() - own_cpu
            server_cpu = (server.cpu_seconds() or 0.0) - server_cpu
            pg_cpu = (cluster.cpu_seconds() - pg_cpu) if cluster else 0.0
            server_pid = server.pid
            database = ("PostgreSQL " + (cluster.version() if cluster else "(given URL)")
                        if database_url else "SQLite (WAL, synchronous=FULL)")
            log_tail = server.log_tail(5)
    finally:
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(root, ignore_errors=True)

    lat = [v * 1000 for v in tally.latencies]
    late = [v * 1000 for v in tally.lateness]
    errors = sum(tally.push_errors.values()) + sum(tally.pull_errors.values())
    print(machine_line())
    print(f"server: dojo-server serve, pid {server_pid}, 127.0.0.1, {database}"
          + (" (fsync on, synchronous_commit on)" if cluster else ""))
    enrolled = "the whole school" if args.whole_school else "its class"
    print(f"load: {len(devices)} classrooms in {args.schools} school(s), each device enrolled "
          f"for {enrolled}, one award per "
          f"{args.interval:g} s each (~{len(devices) / args.interval:.0f} pushes/s), "
          f"long poll {'off' if args.no_pull else f'{LONG_POLL_S} s open per classroom'}, "
          f"{args.seconds:g} s (set-up {setup_s:.0f} s untimed)")
    if not args.no_pull:
        print(f"before the timed load: every classroom's first pull (catching up) and long "
              f"poll opened at once; the server was quiet {tally.settle_s:.1f} s later")
    print(f"pushes: {len(lat)} answered ({len(lat) / wall:.1f}/s), {tally.skipped} not sent "
          "(due after the end); "
          f"pulls answered: {tally.pulls} ({tally.pulls / wall:.0f}/s) carrying "
          f"{tally.pulled_events} events")
    verdict = "meets" if lat and percentile(lat, 99) <= GOAL_P99_MS and not errors \
        else "MISSES"
    if lat:
        print(f"push latency  p50={percentile(lat, 50):7.1f} ms  p95={percentile(lat, 95):7.1f}"
              f" ms  p99={percentile(lat, 99):7.1f} ms  max={max(lat):7.1f} ms   "
              f"errors={errors}   goal p99 <= {GOAL_P99_MS:.0f} ms, 0 errors: {verdict}")
    if tally.push_errors or tally.pull_errors:
        print(f"  push errors: {tally.push_errors or 'none'}; "
              f"pull errors: {tally.pull_errors or 'none'}")
    if late:
        print(f"generator timer lateness (how late a push left): "
              f"p50={percentile(late, 50):.1f} ms p99={percentile(late, 99):.1f} ms "
              f"max={max(late):.1f} ms")
    cores = f"{own_cpu / wall:.2f} of a core" if wall else ""
    print(f"CPU over {wall:.1f} s: load generator (this process) {own_cpu:.1f} s ({cores}); "
          f"server {server_cpu:.1f} s ({server_cpu / wall:.2f} of a core)"
          + (f"; PostgreSQL {pg_cpu:.1f} s ({pg_cpu / wall:.2f} of a core)" if cluster else ""))
    if "Traceback" in log_tail or "ERROR" in log_tail:
        print("server log tail:\n" + log_tail)
    if args.timeline:
        print("per second (from the first push):")
        print("\n".join(timeline(tally)))
    if args.profile:
        print("\n--- server profile during the load (py-spy) ---")
        print(summarize_stacks(args.profile / "server-load.txt"))


if __name__ == "__main__":
    main()

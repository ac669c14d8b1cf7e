"""The award check's cost: one class's digest on the server (GET /v1/sync/digest's work,
called in process) and on the device, for a class of 10,000 and of 100,000 awards.

Server, per class size: the school's log holds the class's awards interleaved with as many
of another class. Figures: the first digest after the server starts (the class read
whole), the next device at the same cursor (from the kept digest), a device 100 awards
further on (those 100 read and added), and a whole-school device (both classes). Each
is the median of ``--runs`` (the first: a new cache each run). ``--postgres`` adds the
same on a throwaway PostgreSQL cluster. Device: ``SyncStore.award_digests`` (what the
check reads) and ``class_digest`` on an app database with the class's awards (built
through the real writer, marked sent).

    python benchmarks/award_digest.py [--sizes 10000 100000] [--runs 5] [--postgres]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dojo_desktop.store.database import DATABASE_NAME
from dojo_desktop.sync.sync_store import SyncStore
from dojo_protocol.cursor import encode_cursor
from dojo_server.app import create_app
from dojo_server.db.bulk import insert_rows, table_of
from dojo_server.db.models import DeviceRow, EventRow, SchoolCounter
from dojo_server.db.session import Database
from dojo_server.domain import schools
from dojo_server.domain.auth import DeviceIdentity
from dojo_server.settings import Settings, sqlite_url
from dojo_server.sync.digest import DigestCache, award_digests
from dojo_server.sync.pull import newest_seq
from school_year import build_school_year
from sync_kit import PostgresCluster, machine_line, postgres_bin

CLASS = "0190a0b0-0000-7000-8000-00000000c1a5"
OTHER = "0190a0b0-0000-7000-8000-00000000c1a6"
LATER = 100  # awards between two devices' cursors


def median_ms(work: Callable[[], object], runs: int,
              before: Callable[[], object] = lambda: None) -> float:
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def fill(db: Database, school_id: str, device_id: str, awards: int) -> None:
    """``awards`` awards of CLASS interleaved with as many of OTHER, then LATER more."""
    now = int(time.time() * 1000)
    seq = 0

    def rows(count: int, classes: tuple[str, ...]) -> list[dict[str, object]]:
        nonlocal seq
        made = []
        for _ in range(count):
            for class_id in classes:
                seq += 1
                payload = {"award_id": str(uuid.uuid4()), "student_id": str(uuid.uuid4()),
                           "class_id": class_id, "skill_id": str(uuid.uuid4()),
                           "points": 1, "batch_id": str(uuid.uuid4()), "at_ms": now,
                           "note": ""}
                made.append({"school_id": school_id, "server_seq": seq,
                             "event_id": str(uuid.uuid4()), "device_id": device_id,
                             "seq": seq, "kind": "award_given",
                             "hlc": f"{now:015d}-{seq % 1_000_000:06d}-{device_id}",
                             "payload": json.dumps(payload), "received_ms": now,
                             "class_id": class_id})
        return made

    all_rows = rows(awards, (CLASS, OTHER)) + rows(LATER, (CLASS,))
    with db.write() as session:
        conn = session.connection()
        for start in range(0, len(all_rows), 500):
            insert_rows(conn, table_of(EventRow), all_rows[start:start + 500])
        conn.execute(SchoolCounter.__table__.update()
                     .where(SchoolCounter.school_id == school_id).values(next_seq=seq + 1))


def server_figures(database_url: str, data_dir: Path, awards: int, runs: int) -> None:
    app = create_app(Settings(data_dir=data_dir, database_url=database_url))
    db: Database = app.state.context.db
    school_id = schools.create_school(db, "Hillside Primary", "Europe/London")
    device_id = str(uuid.uuid4())
    with db.write() as session:
        session.add(DeviceRow(id=device_id, school_id=school_id, role="teacher",
                              class_id=None, name="bench", token_hash=device_id,
                              last_seq=0, enrolled_ms=0, last_seen_ms=0))
    fill(db, school_id, device_id, awards)
    head, epoch = newest_seq(db, school_id)
    behind = encode_cursor(epoch, head - LATER)
    at_head = encode_cursor(epoch, head)
    board = DeviceIdentity(str(uuid.uuid4()), school_id, "teacher", CLASS)
    office = DeviceIdentity(str(uuid.uuid4()), school_id, "leader", None)
    cache = DigestCache()

    def fresh() -> None:
        nonlocal cache
        cache = DigestCache()

    cold = median_ms(lambda: award_digests(db, cache, board, behind), runs, fresh)
    same = median_ms(lambda: award_digests(db, cache, board, behind), runs)
    forward = median_ms(lambda: award_digests(db, cache, board, at_head), runs,
                        lambda: (fresh(), award_digests(db, cache, board, behind)))
    school_cold = median_ms(lambda: award_digests(db, cache, office, at_head), runs, fresh)
    school_warm = median_ms(lambda: award_digests(db, cache, office, at_head), runs)
    answer = award_digests(db, DigestCache(), board, at_head).classes[0]
    assert answer.count == awards + LATER, answer
    print(f"  class of {awards:>7,} awards (school log {head:,} events): first "
          f"{cold:8.1f} ms | same cursor {same:6.2f} ms | {LATER} later {forward:6.2f} ms | "
          f"whole-school device first {school_cold:8.1f} ms, again {school_warm:6.2f} ms")
    db.dispose()


def device_figures(root: Path, awards: int, runs: int) -> None:
    data_dir = root / f"device-{awards}"
    start = time.perf_counter()
    class_id = build_school_year(data_dir, awards)
    built = time.perf_counter() - start
    path = data_dir / DATABASE_NAME
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE outbox SET state = 'sent'")
    conn.close()
    store = SyncStore(path)
    try:
        every = median_ms(store.award_digests, runs)
        one = median_ms(lambda: store.class_digest(class_id), runs)
        digest = store.class_digest(class_id)
    finally:
        store.close()
    print(f"  class of {digest.count:>7,} awards: award_digests (the check's read) "
          f"{every:8.1f} ms | class_digest (through the class's index) {one:8.1f} ms "
          f"(database built in {built:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dojo-digest-") as tmp:
        root = Path(tmp)
        print(f"server, SQLite (median of {args.runs}):")
        for size in args.sizes:
            folder = root / f"sqlite-{size}"
            server_figures(sqlite_url(folder / "server.sqlite3"), folder, size, args.runs)
        if args.postgres:
            bin_dir = postgres_bin()
            if bin_dir is None:
                print("server, PostgreSQL: not installed")
            else:
                for size in args.sizes:
                    cluster = PostgresCluster(bin_dir)
                    try:
                        url = cluster.start()
                        if size == args.sizes[0]:
                            print(f"server, PostgreSQL {cluster.version()} "
                                  f"(median of {args.runs}):")
                        server_figures(url, root / f"pg-{size}", size, args.runs)
                    finally:
                        cluster.stop()
        print(f"device (median of {args.runs}):")
        for size in args.sizes:
            device_figures(root, size, args.runs)
    print(machine_line())


if __name__ == "__main__":
    main()

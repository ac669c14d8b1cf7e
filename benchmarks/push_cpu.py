"""Server CPU per pushed event: the same pushes replayed in process, old code and new.

For each source tree given with ``--code`` (a ``src`` folder: this one's, and a checkout of
older code), a child process of this script sets up a server with that tree's
``dojo-server`` CLI, pairs that tree's client, and drains ``--rounds`` rounds of
``--awards`` awards made offline (as ``sync_drain.py`` does), recording the exact push
requests the client sent; the server's data folder is copied before the first drain.
Then each round's requests are replayed, in order and one at a time, in a fresh process
(as the drain benchmark starts its server again each round), against the database as the
replay of the round before left it: the FastAPI app over ``httpx.ASGITransport`` (route,
body parse, sign-in, checks, store, read tables; no sockets, no client work). The figure
is that process's CPU time (all threads) for the round's pushes, per event: the least of
``--repeat`` replays, so other load on the machine changes it less than a wall time.
Every push must be answered 200 with each event ``applied``, or the run stops.

Trees are measured in turn (old, new, old, new, ...) ``--pairs`` times.

    python benchmarks/push_cpu.py --code /tmp/old/src --code src [--rounds 3] [--pairs 3]
    python benchmarks/push_cpu.py --code src --profile 3   # cProfile of round 3's replay
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _use_tree(src: Path) -> None:
    """Import the project from ``src`` (ahead of this checkout's, which sync_kit adds)."""
    os.environ["PYTHONPATH"] = str(src)  # the dojo-server children too
    sys.path.insert(0, str(HERE))
    import sync_kit  # noqa: F401  (puts this checkout's src on sys.path)
    while str(src) in sys.path:
        sys.path.remove(str(src))
    sys.path.insert(0, str(src))


def capture(src: Path, folder: Path, rounds: int, awards: int) -> None:
    """Set up, drain ``rounds`` rounds through a real server, record the pushes."""
    _use_tree(src)
    from dojo_desktop.services.classroom import open_classroom
    from sync_drain import make_awards
    from sync_kit import ServerProcess, install_memory_keyring, pair_with_demo_class

    install_memory_keyring()
    classroom = None
    recorded: list[list[dict[str, Any]]] = []
    try:
        with ServerProcess(folder) as server:
            classroom = open_classroom(folder / "device")
            class_id = pair_with_demo_class(classroom, server, "push-cpu")
            server.stop()
            shutil.copytree(server.data_dir, folder / "snapshot")
            for _ in range(rounds):
                make_awards(classroom, class_id, awards, 500, taps=False)
                server.start()
                engine = classroom.sync.engine()
                assert engine is not None
                pushes: list[dict[str, Any]] = []
                record_pushes(engine.transport, pushes)
                report = engine.push_all()
                engine.transport.close()
                assert report.pushed == awards and not report.rejected, report
                recorded.append(pushes)
                server.stop()
    finally:
        if classroom is not None:
            classroom.close()
    (folder / "pushes.json").write_text(json.dumps(recorded))


def record_pushes(transport: Any, into: list[dict[str, Any]]) -> None:
    """Note each push ``transport`` sends (headers and body) in ``into``: on its urllib3
    pool, or on an older tree's ``requests`` session."""
    def note(headers: Any, body: Any) -> None:
        into.append({"headers": dict(headers),
                     "body": body.decode() if isinstance(body, bytes) else body})

    if hasattr(transport, "_pool"):
        pool = transport._pool
        request = pool.request

        def pooled(method: str, url: str, *args: Any, _request: Any = request,
                   **kwargs: Any) -> Any:
            if method == "POST" and url.endswith("/v1/sync/push"):
                note(kwargs.get("headers") or {}, kwargs.get("body"))
            return _request(method, url, *args, **kwargs)

        pool.request = pooled
        return
    session = transport._session
    send = session.send

    def recording(request: Any, _send: Any = send, **kwargs: Any) -> Any:
        if request.method == "POST" and request.path_url == "/v1/sync/push":
            note(request.headers, request.body)
        return _send(request, **kwargs)

    session.send = recording


def replay(src: Path, folder: Path, number: int, profile: bool) -> None:
    """Replay round ``number``'s recorded pushes in process (a fresh one per round, as the
    drain benchmark starts its server again each round), against the copy of the
    snapshot that the earlier rounds' replays filled; print the CPU times as JSON."""
    _use_tree(src)
    import asyncio
    import gc
    import time

    import httpx

    from dojo_server.app import create_app
    from dojo_server.settings import Settings

    # Each replay of round n starts from the database as round n - 1 left it.
    data = folder / "replay"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(folder / ("snapshot" if number == 1 else f"after{number - 1}"), data)
    pushes = json.loads((folder / "pushes.json").read_text())[number - 1]
    app = create_app(Settings.load(data, None))
    if profile:  # the push's thread in this one, where cProfile sees it
        object.__setattr__(app.state.context, "pushes", _InlineExecutor())  # frozen
    gc.freeze()  # as `dojo-server serve` does

    async def run() -> list[float]:
        cpu: list[float] = []
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://server") as client:
            await client.get("/v1/health")  # as the drain benchmark waits for it
            profiler = None
            if profile:
                import cProfile
                profiler = cProfile.Profile()
                profiler.enable()
            for push in pushes:
                headers = {k: v for k, v in push["headers"].items()
                           if k.lower() not in ("content-length", "host")}
                started = time.process_time()
                answer = await client.post("/v1/sync/push", content=push["body"],
                                           headers=headers)
                cpu.append(time.process_time() - started)
                assert answer.status_code == 200, answer.text[:500]
                statuses = {r["status"] for r in answer.json()["results"]}
                assert statuses == {"applied"}, statuses
            if profiler is not None:
                profiler.disable()
                profiler.dump_stats(folder / "replay.pstats")
        return cpu

    cpu = asyncio.run(run())
    app.state.context.db.dispose()
    shutil.rmtree(folder / f"after{number}", ignore_errors=True)
    data.rename(folder / f"after{number}")
    events = sum(len(json.loads(p["body"])["events"]) for p in pushes)
    print(json.dumps({"cpu": cpu, "events": events}))
    if profile:
        import pstats
        stats = pstats.Stats(str(folder / "replay.pstats"), stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(40)


class _InlineExecutor(Executor):
    """Runs each call at once in the calling thread."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed to the awaiting route
            future.set_exception(exc)
        return future


def _child(*args: str) -> str:
    result = subprocess.run([sys.executable, __file__, *args], capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stderr[-3000:]}")
    if result.stderr.strip():
        print(result.stderr, file=sys.stderr)
    return result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, action="append", required=True,
                        help="a src folder to measure (give several, old first)")
    parser.add_argument("--rounds", type=int, default=3, help="drains per run")
    parser.add_argument("--awards", type=int, default=10_000, help="awards per round")
    parser.add_argument("--pairs", type=int, default=1, help="times each tree is measured")
    parser.add_argument("--repeat", type=int, default=3,
                        help="replays of each round per measure, the least CPU kept")
    parser.add_argument("--profile", type=int, default=0, metavar="ROUND",
                        help="print a cProfile of this round's replay (to stderr)")
    parser.add_argument("--capture", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--replay", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--round", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.capture:
        capture(args.code[0].resolve(), args.capture, args.rounds, args.awards)
        return
    if args.replay:
        replay(args.code[0].resolve(), args.replay, args.round, args.profile == args.round)
        return
    sys.path.insert(0, str(HERE))
    from sync_kit import machine_line

    root = Path(tempfile.mkdtemp(prefix="dojo-bench-push-cpu-"))
    figures: dict[Path, list[list[float]]] = {src: [] for src in args.code}
    steady: dict[Path, list[float]] = {src: [] for src in args.code}
    try:
        for src in args.code:  # each tree's own client, server and requests, made once
            folder = root / f"tree{args.code.index(src)}"
            folder.mkdir()
            _child("--code", str(src), "--capture", str(folder), "--rounds",
                   str(args.rounds), "--awards", str(args.awards))
        for pair in range(args.pairs):
            for src in args.code:
                folder = root / f"tree{args.code.index(src)}"
                load = os.getloadavg()[0]
                rounds, first, later = [], [], []
                for number in range(1, args.rounds + 1):
                    tries = [json.loads(_child(
                        "--code", str(src), "--replay", str(folder), "--round", str(number),
                        "--profile", str(args.profile)).splitlines()[-1])
                        for _ in range(args.repeat)]
                    best = min(tries, key=lambda out: sum(out["cpu"]))
                    rounds.append(sum(best["cpu"]) / best["events"] * 1e6)
                    first.append(best["cpu"][0] * 1000)
                    # The pushes after a round's first (which pays the process's warm-up).
                    later += [cpu * 1000 for out in tries for cpu in out["cpu"][1:]]
                figures[src].append(rounds)
                steady[src].append(statistics.median(later))
                print(f"pair {pair + 1} {src}: load {load:.2f}; CPU per event by round "
                      + " ".join(f"{v:.1f}" for v in rounds) + " us; first push of each "
                      "round " + " ".join(f"{v:.0f}" for v in first) + " ms; later pushes "
                      f"median {steady[src][-1]:.1f} ms", flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(machine_line())
    for src, runs in figures.items():
        flat = [v for run in runs for v in run]
        last = [run[-1] for run in runs]
        print(f"{src}: median CPU per event {statistics.median(flat):.1f} us over "
              f"{len(flat)} rounds; last round's median {statistics.median(last):.1f} us; "
              f"a push after the first, median {statistics.median(steady[src]):.1f} ms")


if __name__ == "__main__":
    main()

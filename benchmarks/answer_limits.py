"""Answers too large: how much a device reads, how long it takes and how much memory it uses
when a server (or a proxy in the way) answers a push with 300 MB, or with no end at all.

Each case runs in a fresh Python process (so that its peak resident memory is its own):
a tiny HTTP server on 127.0.0.1 answers ``POST /v1/sync/push`` as the case says, and
``HttpTransport.push_json`` sends one push to it. Printed per case: what came of it, the
bytes the server managed to send, the time, and the process's peak resident memory.
Baseline in the same run: a right answer to a push of 500 events.

    python benchmarks/answer_limits.py [--size-mb 300]
"""

from __future__ import annotations

import argparse
import http.server
import json
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sync_kit import machine_line

CASES = ("right answer, 500 results", "300 MB, length declared", "300 MB, until close",
         "endless")
PIECE = 1 << 20


def serve(case: str, size: int, sent: list[int]) -> str:
    """Start the case's server in a thread; its URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            if case.startswith("right"):
                body = json.dumps({"results": [
                    {"event_id": f"e{i}", "seq": i, "status": "applied", "reason": ""}
                    for i in range(1, 501)], "last_seq": 500, "server_time_ms": 1,
                    "clock_skew_ms": 0}).encode()
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                sent[0] += len(body)
                return
            if "declared" in case:
                self.send_header("Content-Length", str(size))
            self.send_header("Connection", "close")
            self.end_headers()
            left = size if case.startswith("300") else 1 << 62
            try:
                while left > 0:
                    piece = b" " * min(PIECE, left)
                    self.wfile.write(piece)
                    sent[0] += len(piece)
                    left -= len(piece)
            except OSError:
                pass  # the device hung up

        def log_message(self, *_args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def run_case(case: str, size: int) -> None:
    """One case, in this process: prints one JSON line."""
    from dojo_desktop.sync.errors import SyncError
    from dojo_desktop.sync.transport import HttpTransport

    sent = [0]
    transport = HttpTransport(serve(case, size, sent), token="t")
    started = time.perf_counter()
    try:
        transport.push_json("batch", "{}")
        outcome = "answer read"
    except SyncError as exc:
        detail = f" ({exc.detail})" if exc.detail is not None else ""
        outcome = f"{type(exc).__name__}{detail}"
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"outcome": outcome, "sent_mb": sent[0] / PIECE, "s": elapsed,
                      "peak_mb": peak_mb}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=300)
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        run_case(args.case, args.size_mb * PIECE)
        return
    print(machine_line())
    for case in CASES:
        out = subprocess.run([sys.executable, __file__, "--case", case, "--size-mb",
                              str(args.size_mb)], capture_output=True, text=True, check=True,
                             timeout=600)
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{case:28} {figures['outcome']:60} server sent {figures['sent_mb']:8.1f} MB"
              f"  {figures['s']:6.2f} s  peak memory {figures['peak_mb']:6.0f} MB")


if __name__ == "__main__":
    main()

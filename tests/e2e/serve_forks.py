"""Runs ``dojo-server serve`` again and again without paying for Python's start each time.

Usage: ``python serve_forks.py LOG_FILE ARG...`` with the arguments of ``dojo-server``.
This process imports the server once; for every line ``SERVE`` read from stdin it forks a
process that runs ``dojo_server.cli.main(ARG...)`` (exactly what the ``dojo-server``
command runs) with its output appended to LOG_FILE, and prints ``PID <pid>``. Children
are reaped by the system (SIGCHLD ignored), so a child killed with SIGKILL simply
disappears.
"""

from __future__ import annotations

import os
import signal
import sys

import uvicorn  # noqa: F401  (imported once, then forked)

from dojo_server import app as _app  # noqa: F401
from dojo_server.cli import main as cli_main


def main() -> None:
    log_file, *args = sys.argv[1:]
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    print("ZYGOTE", flush=True)
    for _command in sys.stdin:
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            log = os.open(log_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            os.dup2(log, 1)
            os.dup2(log, 2)
            code = 1
            try:
                code = cli_main(args)
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        print(f"PID {pid}", flush=True)


if __name__ == "__main__":
    main()

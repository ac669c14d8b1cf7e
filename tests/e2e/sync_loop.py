"""Child process for the client SIGKILL test: award points and sync, in a loop, until killed.

Usage: ``python sync_loop.py DATA_DIR CLASS_ID SKILL_ID`` with the device token in the
environment variable ``DOJO_TEST_TOKEN`` and the computer's keyring machine id in
``DOJO_TEST_MACHINE_ID`` (the test's stand-in for the OS keyring).

Starting Python and importing the app takes a second, so this process imports once and
then, for every line ``RUN <seed>`` read from stdin, forks a fresh app process that opens
the classroom and loops until it is killed. That process prints ``PID <pid>`` first; once
it has died this one prints ``EXIT <exit code>`` (-9 after SIGKILL) and waits for the next.

Each line of the app process is printed and flushed only after the call it reports has returned:
``A <award id> ...`` for a tap (committed locally), ``U <award id> ...`` for an undo,
``P`` just before a sync round starts, ``S <seq>`` after a round succeeded (every event up
to ``seq`` is acknowledged by the server), ``E <error>`` after a round failed.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import keyring
import keyring.backend

from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.services.machine_identity import MACHINE_SECRET_KEY
from dojo_desktop.store import writer as _writer  # noqa: F401  (imported once, then forked)
from dojo_desktop.sync import engine as _engine  # noqa: F401
from dojo_desktop.sync.errors import SyncError


class TokenKeyring(keyring.backend.KeyringBackend):
    """An in-memory keyring that knows this device's token and this computer's machine id
    (``DOJO_TEST_MACHINE_ID``: the test's, so the child is on the same computer)."""

    priority = 100

    def get_password(self, service: str, username: str) -> str | None:
        if username == MACHINE_SECRET_KEY:
            return os.environ["DOJO_TEST_MACHINE_ID"]
        return os.environ["DOJO_TEST_TOKEN"]

    def set_password(self, service: str, username: str, password: str) -> None:
        raise NotImplementedError

    def delete_password(self, service: str, username: str) -> None:
        raise NotImplementedError


def main() -> None:
    data_dir, class_id, skill_id = sys.argv[1:4]
    print("ZYGOTE", flush=True)
    for command in sys.stdin:
        seed = int(command.split()[1])
        pid = os.fork()
        if pid == 0:
            try:
                run(Path(data_dir), class_id, skill_id, seed)
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(1)
        _, status = os.waitpid(pid, 0)
        print(f"EXIT {os.waitstatus_to_exitcode(status)}", flush=True)


def run(data_dir: Path, class_id: str, skill_id: str, seed: int) -> None:
    """The app: award and sync until killed."""
    print(f"PID {os.getpid()}", flush=True)
    keyring.set_keyring(TokenKeyring())
    rng = random.Random(seed)
    room = open_classroom(data_dir)
    students = [s.id for s in room.roster.students(class_id)]
    engine = room.sync.engine()
    assert engine is not None, "not paired"
    print("READY", flush=True)
    while True:
        for _ in range(rng.randint(1, 6)):
            chosen = rng.sample(students, rng.choice([1, 3, len(students)]))
            result = room.awards.give(class_id, chosen, skill_id)
            print("A " + " ".join(result.award_ids), flush=True)
            if rng.random() < 0.1:
                room.awards.undo_batch(result.batch_id)
                print("U " + " ".join(result.award_ids), flush=True)
        print("P", flush=True)
        try:
            engine.sync_once()
        except SyncError as exc:
            print(f"E {type(exc).__name__}", flush=True)
            continue
        print(f"S {room.sync.store.highest_sent_seq()}", flush=True)


if __name__ == "__main__":
    main()

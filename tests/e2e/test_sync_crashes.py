"""SIGKILL in the middle of sync, over and over, on either side of the wire.

(a) The app is killed while it syncs: a child process awards and syncs in a loop against
    a live server, through a proxy. Every other kill is aimed: the proxy holds a push's
    answer back, and the app is killed after the server committed the push but before
    the app heard of it. The others land at random moments of a sync.
(b) The server (``dojo-server serve`` on SQLite) is killed while the app keeps syncing;
    every other kill is aimed at a push the server has received and is working on.

Either way, after one clean sync at the end every award the app reported saved is on
the server exactly once, the per-device and server sequences have no gaps, and (b) the
server database passes ``PRAGMA quick_check`` after every kill.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fault_proxy import PASS, Decision, Fault, FaultProxy, Request
from ledger import (
    ServerLedger,
    check_device_on_server,
    local_award_ids,
    query,
    server_db_path,
    sync_until_idle,
)
from school_kit import School
from servers import ServerProcess, child_env

from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.services.machine_identity import keyring_machine_id
from dojo_desktop.store.database import DATABASE_NAME
from dojo_desktop.sync.errors import SyncError

CHILD = Path(__file__).resolve().with_name("sync_loop.py")
CLIENT_KILLS = 16
SERVER_KILLS = 10
START_TIMEOUT_S = 30.0
HOLD_S = 1.0  # how long an aimed kill's push answer is held back

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
]



class PushGate:
    """Proxy plan and hooks that let the test act at a chosen moment of the next push."""

    def __init__(self, delay_s: float = 0.0) -> None:
        self.delay_s = delay_s  # every push answer, when not armed
        self._lock = threading.Lock()
        self._armed: str | None = None  # "sent" or "answered"
        self._chosen: int | None = None
        self.reached = threading.Event()

    def arm(self, moment: str) -> None:
        """The next push to reach ``moment`` ("sent": the server has it; "answered": the
        server has answered, and the answer is held back for HOLD_S) sets ``reached``."""
        with self._lock:
            self._armed, self._chosen = moment, None
            self.reached.clear()

    def plan(self, request: Request) -> Decision:
        if request.endpoint != "sync/push":
            return PASS
        with self._lock:
            if self._armed is not None and self._chosen is None:
                self._chosen = request.number
                if self._armed == "answered":
                    return Decision(Fault.DELAY, HOLD_S)
        return Decision(Fault.DELAY, self.delay_s) if self.delay_s else PASS

    def _reach(self, request: Request, moment: str) -> None:
        with self._lock:
            if self._armed == moment and request.number == self._chosen:
                self._armed = None
                self.reached.set()

    def sent(self, request: Request) -> None:
        self._reach(request, "sent")

    def answered(self, request: Request) -> None:
        self._reach(request, "answered")

    def install(self, proxy: FaultProxy) -> None:
        proxy.plan, proxy.on_sent, proxy.on_answered = self.plan, self.sent, self.answered


@dataclass
class ChildRun:
    """What one app process reported before it was killed."""

    awarded: list[str] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)  # awarded before a successful sync
    last: str = ""

    def note(self, line: str) -> None:
        kind, *rest = line.split()
        assert kind in ("A", "U", "P", "S", "E"), line
        self.last = kind
        if kind == "A":
            self.awarded.extend(rest)
        elif kind == "S":
            self.acknowledged = list(self.awarded)


class AppProcesses:
    """``sync_loop.py``: one process that imports the app once and forks an app process,
    paired with the live server, each time one is asked for."""

    def __init__(self, args: list[str], token: str) -> None:
        self.zygote = subprocess.Popen([sys.executable, str(CHILD), *args],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       env={**child_env(), "DOJO_TEST_TOKEN": token,
                                            "DOJO_TEST_MACHINE_ID": keyring_machine_id()})
        assert self._line() == "ZYGOTE"

    def _line(self) -> str:
        """The next line; a process that hangs is killed, which ends the read."""
        assert self.zygote.stdout is not None
        watchdog = threading.Timer(START_TIMEOUT_S, self.zygote.kill)
        watchdog.start()
        try:
            line = self.zygote.stdout.readline().decode()
        finally:
            watchdog.cancel()
        if not line.endswith("\n"):
            raise AssertionError(f"sync_loop.py stopped: {line!r}")
        return line.rstrip("\n")

    def run_and_kill(self, seed: int, rng: random.Random, gate: PushGate | None) -> ChildRun:
        """Start an app process and SIGKILL it: once ``gate`` is reached if one is given,
        else at a random moment after it has started 1-3 syncs."""
        assert self.zygote.stdin is not None
        self.zygote.stdin.write(f"RUN {seed}\n".encode())
        self.zygote.stdin.flush()
        kind, pid = self._line().split()
        assert kind == "PID"
        run = ChildRun()
        try:
            assert self._line() == "READY"
            if gate is not None:
                assert gate.reached.wait(START_TIMEOUT_S), "no push reached the server"
            else:
                syncs = rng.randint(1, 3)
                while syncs:
                    line = self._line()
                    run.note(line)
                    syncs -= line == "P"
                time.sleep(rng.uniform(0.0, 0.3))
        finally:
            os.kill(int(pid), signal.SIGKILL)
        while not (line := self._line()).startswith("EXIT "):
            run.note(line)
        assert line == f"EXIT {-signal.SIGKILL}", line  # killed, not crashed on its own
        return run

    def close(self) -> None:
        if self.zygote.poll() is None:
            self.zygote.kill()
        self.zygote.wait()
        for stream in (self.zygote.stdin, self.zygote.stdout):
            if stream is not None:
                stream.close()


def prepare_device(school: School, root: Path, url: str) -> tuple[str, str, str]:
    """A paired device with the demo class, closed again: (class id, skill id, token)."""
    room = open_classroom(root)
    try:
        demo = room.create_demo_class()
        room.sync.pair(url, school.code("teacher"), device_name="whiteboard")
        skill = next(s for s in room.skills.list() if s.points > 0)
        token = room.sync.token()
        assert token is not None
        return demo.id, skill.id, token
    finally:
        room.close()


def test_app_killed_while_syncing_loses_and_repeats_nothing(school: School) -> None:
    seed = random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)
    proxy = FaultProxy(school.server.port)
    gate = PushGate(delay_s=0.1)
    gate.install(proxy)
    data_dir = school.root / "whiteboard"
    db_path = server_db_path(school.server.settings)
    apps: AppProcesses | None = None
    try:
        class_id, skill_id, token = prepare_device(school, data_dir, proxy.url)
        apps = AppProcesses([str(data_dir), class_id, skill_id], token)
        reported: list[str] = []
        committed_not_heard = 0
        for round_no in range(CLIENT_KILLS):
            aimed = round_no % 2 == 0
            if aimed:
                gate.arm("answered")
            run = apps.run_and_kill(rng.randrange(2**32), rng, gate if aimed else None)
            where = f"round {round_no} (seed {seed})"
            assert run.awarded, f"{where}: nothing reported"
            reported.extend(run.awarded)
            lost = set(run.acknowledged) - set(ServerLedger.read(db_path).award_ids())
            assert not lost, f"{where}: awards the server had acknowledged are gone"
            # The kill came after the server's commit, before the app heard of it?
            sent = query(data_dir / DATABASE_NAME,
                         "SELECT COALESCE(MAX(seq), 0) FROM outbox WHERE state = 'sent'")[0][0]
            server_last_seq = query(db_path, "SELECT MAX(last_seq) FROM devices")[0][0]
            assert server_last_seq > sent or not aimed, f"{where}: the aimed kill missed"
            committed_not_heard += server_last_seq > sent
        assert committed_not_heard >= CLIENT_KILLS // 2

        room = open_classroom(data_dir)
        school.devices.append(room)
        assert room.damage is None
        sync_until_idle(room)
        ledger = ServerLedger.read(db_path)
        ledger.check_sound()
        check_device_on_server(ledger, room)
        assert set(reported) <= set(ledger.award_ids()), f"lost awards (seed {seed})"
        assert sorted(ledger.award_ids()) == sorted(local_award_ids(room))
    finally:
        if apps is not None:
            apps.close()
        proxy.close()


def quick_check(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        result: str = conn.execute("PRAGMA quick_check").fetchone()[0]
        return result
    finally:
        conn.close()


def test_server_killed_while_committing_loses_and_repeats_nothing(tmp_path: Path) -> None:
    seed = random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)
    server = ServerProcess(tmp_path / "server")
    _, code = server.setup()
    server.prepare_forks()  # for the restarts
    server.start()  # the first time, the real command
    proxy = FaultProxy(server.port)
    gate = PushGate()
    gate.install(proxy)
    room: Classroom | None = None
    stop = threading.Event()
    crashed: list[BaseException] = []
    try:
        room = open_classroom(tmp_path / "whiteboard")
        room.sync.pair(proxy.url, code, device_name="whiteboard")
        demo = room.create_demo_class()
        students = [s.id for s in room.roster.students(demo.id)]
        skill = next(s for s in room.skills.list() if s.points > 0)

        def keep_syncing(classroom: Classroom) -> None:
            engine = classroom.sync.engine()
            assert engine is not None
            try:
                while not stop.is_set():
                    for _ in range(3):
                        classroom.awards.give(demo.id, students, skill.id)
                    try:
                        engine.sync_once()
                    except SyncError:
                        time.sleep(0.05)  # offline: the teacher keeps tapping, slower
            except BaseException as exc:
                crashed.append(exc)
                raise
            finally:
                engine.transport.close()

        worker = threading.Thread(target=keep_syncing, args=(room,), daemon=True)
        worker.start()
        for kill_no in range(SERVER_KILLS):
            if kill_no % 2 == 0:  # aimed: the server has a push and is working on it
                gate.arm("sent")
                assert gate.reached.wait(START_TIMEOUT_S), "no push reached the server"
                time.sleep(rng.uniform(0.0, 0.01))
            else:
                time.sleep(rng.uniform(0.1, 0.4))
            server.kill()
            assert quick_check(server.database_path) == "ok", f"kill {kill_no} (seed {seed})"
            server.start(forked=True)
        stop.set()
        worker.join(timeout=60)
        assert not crashed, crashed
        cut_off = proxy.cut_off("sync/push")
        assert len(cut_off) >= 3, f"only {len(cut_off)} pushes cut off (seed {seed})"

        sync_until_idle(room)
        ledger = ServerLedger.read(server.database_path)
        ledger.check_sound()
        check_device_on_server(ledger, room)
        assert sorted(ledger.award_ids()) == sorted(local_award_ids(room))
        server.stop()
        assert quick_check(server.database_path) == "ok"
    finally:
        stop.set()
        proxy.close()
        server.close()
        if room is not None:
            room.close()

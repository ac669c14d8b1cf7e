"""School servers for end-to-end tests that stop and start them on a fixed port.

``ThreadServer`` runs the app under uvicorn in a thread of the test process, like
``LiveServer``, but can be stopped and started again on the same port (the devices keep
their server address). ``ServerProcess`` runs ``dojo-server serve`` as a child process,
so it can be killed with SIGKILL.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import requests
import uvicorn

from dojo_server.app import create_app
from dojo_server.db.session import Database
from dojo_server.domain import enrollment, schools
from dojo_server.settings import DATABASE_NAME, Settings, sqlite_url
from dojo_server.sync.epoch import prepare_database

SRC = Path(__file__).resolve().parents[2] / "src"
START_TIMEOUT_S = 30.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def child_env() -> dict[str, str]:
    """The environment for a child Python: this checkout's ``src`` first on the path."""
    paths = [str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


class ThreadServer:
    """The real app under uvicorn in a background thread, on one port across restarts."""

    def __init__(self, settings: Settings, port: int = 0) -> None:
        self.settings = settings
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app: Any = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def db(self) -> Database:
        db: Database = self.app.state.context.db
        return db

    def start(self) -> None:
        self.app = create_app(self.settings)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        config = uvicorn.Config(self.app, log_level="warning", timeout_graceful_shutdown=2)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]},
                                        daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        if self._server is None or self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self.db.dispose()
        self._server = self._thread = None


class ServerProcess:
    """``dojo-server serve`` in a child process, on SQLite in its data folder.

    ``start()`` runs the command in a new Python; ``start(forked=True)`` forks it from a
    process that has the server imported already (``serve_forks.py``), which starts in a
    fraction of the time: for tests that restart the server many times.
    """

    def __init__(self, data_dir: Path, port: int = 0) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.log = data_dir.parent / f"{data_dir.name}-serve.log"
        self._forks: subprocess.Popen[bytes] | None = None
        self._forks_ready = False
        self._forked_pid: int | None = None

    @property
    def database_path(self) -> Path:
        return self.data_dir / DATABASE_NAME

    def setup(self, role: str = "teacher") -> tuple[str, str]:
        """Create the database, a school and an enrollment code: (school id, code)."""
        db = Database(sqlite_url(self.database_path))
        try:
            prepare_database(db, Settings(self.data_dir, db.url))
            school_id = schools.create_school(db, "Hillside Primary", "Europe/London")
            return school_id, enrollment.create_code(db, school_id, role)
        finally:
            db.dispose()

    def code(self, school_id: str, role: str = "teacher") -> str:
        db = Database(sqlite_url(self.database_path))
        try:
            return enrollment.create_code(db, school_id, role)
        finally:
            db.dispose()

    @property
    def _args(self) -> list[str]:
        return ["serve", "--data-dir", str(self.data_dir), "--port", str(self.port),
                "--log-level", "warning"]

    def start(self, forked: bool = False) -> None:
        assert not self.running(), "already running"
        if forked:
            self._forked_pid = self._fork()
        else:
            with self.log.open("ab") as log:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "dojo_server.cli", *self._args],
                    stdout=log, stderr=subprocess.STDOUT, env=child_env())
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if not self.running():
                raise RuntimeError("dojo-server serve exited:\n" + self.log.read_text())
            try:
                if requests.get(self.url + "/v1/health", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("dojo-server serve did not start:\n" + self.log.read_text())
            time.sleep(0.02)

    def prepare_forks(self) -> None:
        """Start the fork server now (it takes seconds to import), without waiting."""
        if self._forks is None:
            self._forks = subprocess.Popen(
                [sys.executable, str(Path(__file__).with_name("serve_forks.py")),
                 str(self.log), *self._args],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=child_env())
            self._forks_ready = False

    def _fork(self) -> int:
        self.prepare_forks()
        assert self._forks is not None and self._forks.stdin is not None
        if not self._forks_ready:
            assert self._read_fork_line() == "ZYGOTE"
            self._forks_ready = True
        self._forks.stdin.write(b"SERVE\n")
        self._forks.stdin.flush()
        kind, pid = self._read_fork_line().split()
        assert kind == "PID"
        return int(pid)

    def _read_fork_line(self) -> str:
        assert self._forks is not None and self._forks.stdout is not None
        line = self._forks.stdout.readline().decode()
        if not line:
            raise RuntimeError("serve_forks.py exited:\n" + self.log.read_text())
        return line.strip()

    def running(self) -> bool:
        if self._forked_pid is not None:
            try:
                os.kill(self._forked_pid, 0)
            except ProcessLookupError:
                self._forked_pid = None  # reaped by the system once it died
        return self._forked_pid is not None or (
            self.process is not None and self.process.poll() is None)

    def kill(self) -> None:
        """SIGKILL: no shutdown, no checkpoint, whatever was in flight is cut off."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        if self._forked_pid is not None:
            os.kill(self._forked_pid, signal.SIGKILL)
            deadline = time.monotonic() + 10
            while self.running():
                assert time.monotonic() < deadline, "the server does not die"
                time.sleep(0.005)

    def stop(self) -> None:
        """Ask the server to shut down (SIGTERM), as a service manager would."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        if self._forked_pid is not None:
            os.kill(self._forked_pid, signal.SIGTERM)
            deadline = time.monotonic() + 10
            while self.running():
                if time.monotonic() > deadline:
                    self.kill()
                time.sleep(0.01)

    def close(self) -> None:
        """Kill whatever still runs, the fork server too."""
        self.kill()
        if self._forks is not None:
            self._forks.kill()
            self._forks.wait()
            for stream in (self._forks.stdin, self._forks.stdout):
                if stream is not None:
                    stream.close()
            self._forks = None

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Read the server database with plain sqlite3 (the server may be running)."""
        conn = sqlite3.connect(self.database_path)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

"""Shared pieces of the sync benchmarks: a real `dojo-server serve` subprocess, an in-memory
keyring, a throwaway PostgreSQL cluster, and the machine line.

Not a benchmark itself. The scripts import it from this folder (never from tests/).

* :class:`ServerProcess` sets up a data folder with the ``dojo-server`` CLI (``init``,
  ``create-school``, ``enroll-code``) and runs ``dojo-server serve`` on 127.0.0.1 on a free
  port as a child process, so the client and the server do not share a GIL. It is stopped
  by its PID (SIGTERM, then SIGKILL) when the ``with`` block ends, on error too, and at
  interpreter exit as a last resort.
* :func:`install_memory_keyring` replaces the OS keyring (this machine has none) with a
  dictionary in this process: the device tokens that ``classroom.sync.pair`` stores live
  only as long as the benchmark.
"""

from __future__ import annotations

import atexit
import os
import platform
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

SRC = Path(__file__).resolve().parents[1] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

HOST = "127.0.0.1"
_LOAD_AT_START = os.getloadavg()

if TYPE_CHECKING:
    from dojo_desktop.services.classroom import Classroom


# --- machine -------------------------------------------------------------------------------

def machine_line() -> str:
    """Hostname, CPU, cores, memory, Python and SQLite: printed by every benchmark."""
    cpu = platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB RAM"
    except (ValueError, OSError):
        pass
    now = os.getloadavg()
    import timeit

    speed = min(timeit.repeat("sum(range(1000))", number=2000, repeat=5)) / 2000 * 1e6
    return (f"machine: {platform.node()}, {cpu}, {os.cpu_count()} cores{memory}, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}; CPython speed now: sum(range(1000)) "
            f"{speed:.1f} us (best of 5; roughly 10 us on an idle desktop core)\n"
            f"load average (1 min) at start {_LOAD_AT_START[0]:.2f}, at end {now[0]:.2f} "
            "(other processes on these cores slow every figure below)")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def process_tree_cpu(pid: int) -> float:
    """CPU seconds (user+system) of ``pid``, its reaped children and its live descendants,
    from Linux /proc; 0 where /proc cannot tell."""
    ticks = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry.name)] = fields
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        fields = stats.get(current)
        if fields is None:
            continue
        total += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
        todo.extend(children.get(current, []))
    return total / ticks


def stop_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit so ``finally`` blocks (server clean-up) run."""
    def handler(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, handler)


# --- profiles ------------------------------------------------------------------------------

@contextmanager
def py_spy(pid: int | None, out: Path, rate: int = 250) -> Iterator[None]:
    """Sample process ``pid`` (the server) with py-spy while the block runs; collapsed
    stacks go to ``out``. Does nothing when ``pid`` is None; fails if py-spy is missing
    (pip install py-spy)."""
    if pid is None:
        yield
        return
    exe = Path(sys.executable).with_name("py-spy")
    command = [str(exe) if exe.exists() else "py-spy", "record", "--pid", str(pid),
               "--rate", str(rate), "--format", "raw", "--output", str(out), "--nonblocking"]
    spy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)  # let it attach before the measured part starts
    try:
        yield
    finally:
        if spy.poll() is None:
            os.kill(spy.pid, signal.SIGINT)  # py-spy writes its file on SIGINT
            try:
                spy.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.kill(spy.pid, signal.SIGKILL)
                spy.wait()


def _frame_name(frame: str) -> str:
    """'push (/x/site-packages/dojo_server/sync/push.py:80)'
    -> 'dojo_server/sync/push.py:push'."""
    name, _, where = frame.partition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    for marker in ("site-packages/", "/src/", "/lib/python3.11/", "/lib/python3."):
        if marker in path:
            path = path.split(marker, 1)[1]
            if marker == "/lib/python3.":
                path = path.split("/", 1)[-1]
            break
    return f"{path}:{name}" if path else name


_WRAPPERS = ("threading.py:", "anyio/", "asyncio/", "contextlib.py:", "concurrent/",
             "<sqlalchemy generated", "sqlalchemy/util/", "uvicorn/_compat", "dojo-server:",
             "dojo_server/cli.py", "uvicorn/server.py:Server.run")


def _package(name: str) -> str:
    path = name.split(":", 1)[0]
    if path.startswith("<sqlalchemy"):
        return "sqlalchemy"
    top = path.split("/", 1)[0]
    return top.removesuffix(".py") if "/" in path or path.endswith(".py") else path


def summarize_stacks(path: Path, top: int = 20) -> str:
    """Where a py-spy raw profile spends its time: per package (self time), per function
    of the project (inclusive) and the hottest functions (self)."""
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    packages: dict[str, int] = {}
    total = 0
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [_frame_name(f) for f in stack.split(";")
                  if f and not f.startswith(("process ", "thread "))]
        if not frames:
            continue
        total += count
        for name in set(frames):
            inclusive[name] = inclusive.get(name, 0) + count
        own[frames[-1]] = own.get(frames[-1], 0) + count
        package = _package(frames[-1])
        packages[package] = packages.get(package, 0) + count
    if not total:
        return "(no samples)"
    out = [f"{total} samples of busy threads (idle waits left out); self time by package:"]
    out.append("  " + ", ".join(f"{name} {count / total:.0%}" for name, count in
                                sorted(packages.items(), key=lambda kv: -kv[1])[:12]))
    out.append("inclusive share of the project's functions and the web/ORM layers:")
    shown = 0
    for name, count in sorted(inclusive.items(), key=lambda kv: -kv[1]):
        if name.startswith(_WRAPPERS):
            continue
        out.append(f"  {count / total:6.1%}  {name}")
        shown += 1
        if shown >= top:
            break
    out.append("self share (time in the function's own code, C calls included):")
    for name, count in sorted(own.items(), key=lambda kv: -kv[1])[:top]:
        out.append(f"  {count / total:6.1%}  {name}")
    return "\n".join(out)


def cprofile_summary(stats_path: Path, top: int = 25) -> str:
    """The top functions of a cProfile dump by cumulative time."""
    import io
    import pstats

    buffer = io.StringIO()
    stats = pstats.Stats(str(stats_path), stream=buffer)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top // 2)
    return buffer.getvalue()


# --- keyring -------------------------------------------------------------------------------

def install_memory_keyring() -> None:
    """Keep device tokens in a dict in this process: there is no OS keyring here."""
    import keyring
    import keyring.backend

    class MemoryKeyring(keyring.backend.KeyringBackend):
        """Benchmark-only keyring: nothing is written anywhere."""

        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self._secrets: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self._secrets.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self._secrets[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self._secrets.pop((service, username), None)

    keyring.set_keyring(MemoryKeyring())


# --- the server ----------------------------------------------------------------------------

def dojo_server_command() -> list[str]:
    """The installed ``dojo-server`` script next to this Python (no pyenv shim in between)."""
    beside = Path(sys.executable).with_name("dojo-server")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("dojo-server")
    if found:
        return [found]
    return [sys.executable, "-m", "dojo_server.cli"]


_LIVE: dict[int, subprocess.Popen[bytes]] = {}


@atexit.register
def _kill_leftovers() -> None:
    for proc in list(_LIVE.values()):
        _stop_process(proc)


def _stop_process(proc: subprocess.Popen[bytes], grace: float = 5.0) -> None:
    """Stop one child by its PID: SIGTERM, then SIGKILL if it does not go (uvicorn waits
    for open long polls before it exits on SIGTERM)."""
    _LIVE.pop(proc.pid, None)
    if proc.poll() is not None:
        return
    try:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=grace)
    except ProcessLookupError:
        pass


class ServerProcess:
    """A school server in its own data folder, run as ``dojo-server serve`` on 127.0.0.1.

    ``with ServerProcess(root) as server:`` sets up the folder and a school and starts the
    server; ``server.stop()`` / ``server.start()`` take it down and up again on the same
    port (the devices keep their pairing).
    """

    def __init__(self, root: Path, database_url: str | None = None,
                 school_name: str = "Benchmark School", log_level: str = "warning") -> None:
        self.data_dir = root / "server"
        self.database_url = database_url
        self.log_path = root / "server.log"
        self.log_level = log_level
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self._proc: subprocess.Popen[bytes] | None = None
        self.cli("init")  # with --database-url it remembers it for the other commands
        self.school_id = self.cli("create-school", school_name).strip().splitlines()[-1]

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "dojo-server.sqlite3"

    def cli(self, *args: str) -> str:
        """Run one ``dojo-server`` command on this data folder; its standard output."""
        command = [*dojo_server_command(), args[0], "--data-dir", str(self.data_dir)]
        if args[0] == "init" and self.database_url:
            command += ["--database-url", self.database_url]
        result = subprocess.run([*command, *args[1:]], capture_output=True, text=True,
                                timeout=120, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"dojo-server {' '.join(args)} failed: {result.stderr}")
        return result.stdout

    def enroll_code(self, role: str = "teacher") -> str:
        return self.cli("enroll-code", "--school", self.school_id, "--role",
                        role).strip().splitlines()[-1]

    def enroll_codes(self, count: int, role: str = "teacher", school_id: str | None = None,
                     class_ids: list[str] | None = None) -> list[str]:
        """Many one-time codes: the same CLI entry point (`dojo_server.cli.main`, what the
        `dojo-server` script runs) called ``count`` times in one child process, since
        starting the command 300 times takes minutes. With ``class_ids``, code i is for
        class i."""
        classes = class_ids or [None] * count
        program = (
            "import sys\n"
            "from dojo_server.cli import main\n"
            f"for class_id in {classes!r}:\n"
            f"    extra = ['--class', class_id] if class_id else []\n"
            f"    status = main(['enroll-code', '--data-dir', {str(self.data_dir)!r}, "
            f"'--school', {school_id or self.school_id!r}, '--role', {role!r}] + extra)\n"
            "    if status: sys.exit(status)\n")
        result = subprocess.run([sys.executable, "-c", program], capture_output=True,
                                text=True, timeout=1800, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"enroll-code loop failed: {result.stderr}")
        codes = result.stdout.split()
        if len(codes) != count:
            raise RuntimeError(f"expected {count} codes, got {len(codes)}")
        return codes

    def start(self, timeout: float = 60.0) -> None:
        """Start ``dojo-server serve`` and wait until ``/v1/health`` answers."""
        if self._proc is not None and self._proc.poll() is None:
            return
        log = self.log_path.open("ab")
        command = [*dojo_server_command(), "serve", "--data-dir", str(self.data_dir),
                   "--host", HOST, "--port", str(self.port), "--log-level", self.log_level]
        self._proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL)
        log.close()
        _LIVE[self._proc.pid] = self._proc
        deadline = time.monotonic() + timeout
        while True:
            if self._proc.poll() is not None:
                raise RuntimeError(f"dojo-server serve exited with {self._proc.returncode}:\n"
                                   + self.log_tail())
            try:
                with urllib.request.urlopen(self.url + "/v1/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("dojo-server serve did not answer in time:\n"
                                   + self.log_tail())
            time.sleep(0.05)

    def stop(self) -> None:
        if self._proc is not None:
            _stop_process(self._proc)
            self._proc = None

    def cpu_seconds(self) -> float | None:
        """User+system CPU the server process has used so far (Linux /proc)."""
        if self._proc is None:
            return None
        return process_tree_cpu(self._proc.pid)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def __enter__(self) -> ServerProcess:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


# --- PostgreSQL ----------------------------------------------------------------------------

def postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresCluster:
    """A throwaway PostgreSQL server in a temp folder: Unix socket there, TCP on 127.0.0.1.

    As root, initdb and pg_ctl run as the ``postgres`` user (PostgreSQL refuses root).
    Durability is left at PostgreSQL's defaults (fsync on, synchronous_commit on), to
    compare fairly with the SQLite server's ``synchronous=FULL``.
    """

    USER = "dojo"
    DATABASE = "dojo_bench"

    def __init__(self, bin_dir: Path, max_connections: int = 200) -> None:
        self.bin_dir = bin_dir
        self.max_connections = max_connections
        self.root = Path(tempfile.mkdtemp(prefix="dojo-bench-pg-"))
        self.root.chmod(0o755)
        self.data = self.root / "data"
        self.socket_dir = self.root / "sock"
        self.socket_dir.mkdir()
        self.log = self.root / "server.log"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            self.log.touch()
            for path in (self.socket_dir, self.log, self.root):
                shutil.chown(path, "postgres", "postgres")
        self.port = free_port()
        self.started = False

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> str:
        """Start the cluster, create the benchmark database; its SQLAlchemy URL."""
        self._run("initdb", "-D", str(self.data), "-U", self.USER, "--auth=trust", "-E",
                  "UTF8", "--no-sync")
        options = (f"-k {self.socket_dir} -p {self.port} -h {HOST} "
                   f"-c max_connections={self.max_connections}")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.log), "-w",
                  "start")
        self.started = True
        import psycopg

        with psycopg.connect(host=HOST, port=self.port, user=self.USER, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.DATABASE}"')
        return f"postgresql+psycopg://{self.USER}@{HOST}:{self.port}/{self.DATABASE}"

    def version(self) -> str:
        return self.bin_dir.parent.name

    def cpu_seconds(self) -> float:
        """CPU of the postmaster and every backend (live and exited) so far."""
        try:
            pid = int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return 0.0
        return process_tree_cpu(pid)

    def stop(self) -> None:
        try:
            if self.started:
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            self.started = False
            shutil.rmtree(self.root, ignore_errors=True)


def pair_with_demo_class(classroom: Classroom, server: ServerProcess, device_name: str) -> str:
    """Pair ``classroom``'s device with ``server``, make the demo class and push it while
    online (untimed); the demo class's id."""
    classroom.sync.pair(server.url, server.enroll_code("teacher"), device_name=device_name)
    demo = classroom.create_demo_class()
    engine = classroom.sync.engine()
    assert engine is not None
    engine.push_all()
    engine.transport.close()
    return str(demo.id)


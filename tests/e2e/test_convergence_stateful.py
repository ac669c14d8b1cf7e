"""Stateful convergence: 2 to 4 real app instances and one real school server.

Hypothesis drives a class through a lesson of random taps: awards (single and batch,
needs-work included), undos from any device that has seen the award (also two devices
undoing the same tap while apart), renames on teacher devices (also two at once), devices
going offline, partial syncs (push only, pull only), pushes whose answer is lost, restarts,
and wall clocks that start off or jump ahead or behind. An oracle keeps what was given, what
was undone, and which rename wins by the HLC rule.

Checked at every step: a device shows its own award, undo or rename at once; every event
it writes carries an HLC later than every HLC it wrote or pulled before, across restarts;
a restart changes nothing. At the end every device comes online and syncs twice, and then
every device must hold the same award, undo and student rows, the awards, undos, totals
(period "never") and names of the oracle, and the server every event exactly once, as the
device wrote it, numbered without gaps per device.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))

from server_kit import LiveServer

from dojo_desktop.core.hlc import Hlc
from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.sync.engine import SyncEngine
from dojo_desktop.sync.errors import Offline
from dojo_desktop.sync.transport import HttpTransport
from dojo_protocol import PushResponse
from dojo_protocol.default_skills import DEFAULT_SKILLS
from dojo_protocol.periods import PeriodKind
from dojo_server.db.models import DeviceRow, EventRow, RejectedEvent
from dojo_server.domain import enrollment, schools
from dojo_server.domain.school_skills import defaults_device_id
from dojo_server.settings import Settings, sqlite_url

pytestmark = pytest.mark.slow

STUDENTS = (("Amara", "Okafor"), ("Ben", "Li"), ("Chloé", "Martin"), ("Dev", "Patel"))
NEW_NAMES = ("Ada", "Bo", "Cy", "Di", "Eve", "Finn")
# Wall clock jumps: small steps, past the five-minute skew limit, hours and days.
CLOCK_OFFSETS_MS = (0, -1_000, 1_000, -6 * 60_000, 6 * 60_000, -3 * 3_600_000,
                    3 * 3_600_000, -2 * 86_400_000, 2 * 86_400_000)

Row = tuple[Any, ...]
F = TypeVar("F", bound=Callable[..., Any])


class WallClock:
    """A device's wall clock: the real one, shifted by ``offset_ms``."""

    def __init__(self) -> None:
        self.offset_ms = 0

    def now_ms(self) -> int:
        return time.time_ns() // 1_000_000 + self.offset_ms


class LostAnswerTransport(HttpTransport):
    """Pushes for real, then loses the server's answer (a dropped connection)."""

    def push_json(self, batch_id: str, body: str) -> PushResponse:
        super().push_json(batch_id, body)
        raise Offline("the connection dropped before the answer arrived")


@dataclass
class Device:
    """One app instance: its data folder, role, wall clock, open classroom and engine."""

    name: str
    folder: Path
    role: str
    clock: WallClock
    classroom: Classroom
    engine: SyncEngine | None = None
    online: bool = True

    def __repr__(self) -> str:  # what a falsifying example prints for a drawn device
        return f"<{self.name} {self.role} {'online' if self.online else 'offline'}>"

    def open_engine(self) -> SyncEngine:
        if self.engine is None:
            self.engine = self.classroom.sync.engine()
            assert self.engine is not None, f"{self.name} is not paired"
        return self.engine

    def sync_once(self) -> None:
        """A full round, then what the app does with it (settings are read again)."""
        report = self.open_engine().sync_once()
        self.classroom.changes_from_sync(report.pulled)

    def close(self) -> None:
        if self.engine is not None:
            self.engine.transport.close()
            self.engine = None
        self.classroom.close()


@dataclass
class Oracle:
    """What the lesson did, independent of any device's database."""

    class_id: str = ""
    # award id -> (student id, points, batch id)
    awards: dict[str, tuple[str, int, str]] = field(default_factory=dict)
    undone: set[str] = field(default_factory=set)
    # student id -> every (HLC, first name, last name) it was given, the add included
    names: dict[str, list[tuple[Hlc, str, str]]] = field(default_factory=dict)

    def totals(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for award_id, (student_id, points, _) in self.awards.items():
            if award_id not in self.undone:
                totals[student_id] = totals.get(student_id, 0) + points
        return totals

    def final_names(self) -> dict[str, tuple[str, str]]:
        return {sid: max(writes)[1:] for sid, writes in self.names.items()}


def _step(method: F) -> F:
    """Mark the machine as mid-step while a rule runs: teardown skips the final checks
    after a failed step, so the step's own error is the one reported."""

    def run(self: ConvergenceMachine, *args: Any, **kwargs: Any) -> Any:
        self.failed = True
        result = method(self, *args, **kwargs)
        self.failed = False
        return result

    run.__name__ = method.__name__
    run.__qualname__ = method.__qualname__
    run.__doc__ = method.__doc__
    return run  # type: ignore[return-value]


def _query(classroom: Classroom, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
    conn = sqlite3.connect(classroom.ctx.db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _newest_seen(classroom: Classroom) -> tuple[int, Hlc | None]:
    """(highest outbox seq, newest HLC this device wrote or pulled)."""
    seq, own = _query(classroom, "SELECT COALESCE(MAX(seq), 0), MAX(hlc) FROM outbox")[0]
    pulled = [Hlc.parse(h) for (h,) in _query(classroom, "SELECT hlc FROM pulled_events")]
    return seq, max([*pulled, *([Hlc.parse(own)] if own else [])], default=None)


@contextmanager
def _writes_order_after_what_was_seen(device: Device) -> Iterator[None]:
    """Every event the block writes must carry an HLC later than every HLC the device had
    written or pulled before, whatever its wall clock says and across restarts."""
    seq, newest = _newest_seen(device.classroom)
    yield
    if newest is None:
        return
    for (packed,) in _query(device.classroom, "SELECT hlc FROM outbox WHERE seq > ?", (seq,)):
        assert Hlc.parse(packed) > newest, (
            f"{device.name} wrote {packed} after having seen {newest.pack()}")


def _last_outbox(classroom: Classroom) -> tuple[str, str, dict[str, Any]]:
    kind, hlc, payload = _query(
        classroom, "SELECT kind, hlc, payload FROM outbox ORDER BY seq DESC LIMIT 1")[0]
    return kind, hlc, json.loads(payload)


class ConvergenceMachine(RuleBasedStateMachine):
    """Devices of one fresh school on a shared live server; see the module docstring."""

    server: LiveServer
    server_down_url: str
    root: Path

    def __init__(self) -> None:
        super().__init__()
        self.school_id = schools.create_school(self.server.db, "Hillside Primary",
                                               "Europe/London")
        self.folder = Path(tempfile.mkdtemp(prefix="example-", dir=self.root))
        self.devices: list[Device] = []
        self.oracle = Oracle()
        self.failed = False
        self.renames = 0

    # Set-up ------------------------------------------------------------------------------

    def _open(self, name: str, role: str, offset_ms: int) -> Device:
        clock = WallClock()
        clock.offset_ms = offset_ms
        folder = self.folder / name
        classroom = open_classroom(folder, now_ms=clock.now_ms)
        device = Device(name, folder, role, clock, classroom)
        self.devices.append(device)
        code = enrollment.create_code(self.server.db, self.school_id, role)
        classroom.sync.pair(self.server.url, code, device_name=name)
        return device

    @initialize(roles=st.lists(st.sampled_from(["teacher", "ta"]), min_size=1, max_size=3),
                first_sync=st.lists(st.booleans(), min_size=3, max_size=3),
                offsets=st.lists(st.sampled_from(CLOCK_OFFSETS_MS), min_size=4, max_size=4))
    @_step
    def start_lesson(self, roles: list[str], first_sync: list[bool], offsets: list[int]) -> None:
        """A teacher sets up a class of four on the first device; the others pair, and
        some of them sync straight away. Each device's wall clock may be off from the
        start."""
        board = self._open("device0", "teacher", offsets[0])
        group, _ = board.classroom.roster.create_class("5C")
        self.oracle.class_id = group.id
        for first, last in STUDENTS:
            student, _ = board.classroom.roster.add_student(group.id, first, last)
            kind, hlc, _ = _last_outbox(board.classroom)
            assert kind == "student_added"
            self.oracle.names[student.id] = [(Hlc.parse(hlc), first, last)]
        board.classroom.settings.set_period(PeriodKind.NEVER)
        board.sync_once()
        for i, role in enumerate(roles, start=1):
            device = self._open(f"device{i}", role, offsets[i])
            if first_sync[i - 1]:
                device.sync_once()

    # Helpers -----------------------------------------------------------------------------

    def _with_class(self, teachers_only: bool = False) -> list[Device]:
        """Devices that have the class (and could tap), optionally teachers only."""
        return [d for d in self.devices
                if (d.role == "teacher" or not teachers_only)
                and d.classroom.roster.students(self.oracle.class_id)]

    def _has_class(self) -> bool:
        return bool(self._with_class())

    def _has_teacher_with_class(self) -> bool:
        return bool(self._with_class(teachers_only=True))

    # Rules -------------------------------------------------------------------------------

    @precondition(_has_class)
    @rule(data=st.data(), needs_work=st.booleans())
    @_step
    def award(self, data: st.DataObject, needs_work: bool) -> None:
        """A tap on one or several students (one batch), positive or needs-work."""
        device = data.draw(st.sampled_from(self._with_class()), label="device")
        room = device.classroom
        students = [s.id for s in room.roster.students(self.oracle.class_id)]
        chosen = data.draw(st.lists(st.sampled_from(students), min_size=1, max_size=4,
                                    unique=True), label="students")
        skills = [s for s in room.skills.list(self.oracle.class_id)
                  if (s.points < 0) == needs_work]
        skill = data.draw(st.sampled_from(skills), label="skill")
        with _writes_order_after_what_was_seen(device):
            result = room.awards.give(self.oracle.class_id, chosen, skill.id)
        assert len(result.award_ids) == len(chosen)
        for award_id, student_id in zip(result.award_ids, chosen, strict=True):
            self.oracle.awards[award_id] = (student_id, skill.points, result.batch_id)

    @precondition(lambda self: bool(self.oracle.awards))
    @rule(data=st.data(), whole_batch=st.booleans(), recent=st.booleans())
    @_step
    def undo(self, data: st.DataObject, whole_batch: bool, recent: bool) -> None:
        """Undo one award, or its whole batch, from a device that has seen it; ``recent``
        picks one of the last few it has, as from the toast."""
        seen_by = [(d, self._seen(d)) for d in self.devices]
        seen_by = [(d, seen) for d, seen in seen_by if seen]
        if not seen_by:
            return
        device, seen = data.draw(st.sampled_from(seen_by), label="device")
        award_id = data.draw(st.sampled_from(seen[-3:] if recent else seen), label="award")
        self._undo(device, award_id, whole_batch)

    @precondition(lambda self: len(self.oracle.awards) > 0)
    @rule(data=st.data(), whole_batch=st.lists(st.booleans(), min_size=2, max_size=2),
          catch_up=st.booleans())
    @_step
    def undo_on_two_devices(self, data: st.DataObject, whole_batch: list[bool],
                            catch_up: bool) -> None:
        """Two adults undo the same tap, each on their own device, before either has
        synced again: both undos travel, and every device must end up agreeing. With
        ``catch_up`` both devices (if online) had just synced, so both show the tap."""
        first, second = data.draw(st.permutations(self.devices), label="devices")[:2]
        if catch_up:
            for device in (first, second, first):
                if device.online:
                    device.sync_once()
        common = [i for i in self._seen(first, undone=False)
                  if i in set(self._seen(second, undone=False))]
        if not common:
            return
        award_id = data.draw(st.sampled_from(common[-3:]), label="award")
        for device, batch in zip((first, second), whole_batch, strict=True):
            self._undo(device, award_id, batch)

    def _seen(self, device: Device, undone: bool = True) -> list[str]:
        """The awards ``device`` has (only those it shows as not undone unless
        ``undone``), oldest given first."""
        have = {a.id for a in device.classroom.ctx.reader.awards(list(self.oracle.awards))
                if undone or not a.undone}
        return [award_id for award_id in self.oracle.awards if award_id in have]

    def _undo(self, device: Device, award_id: str, whole_batch: bool) -> None:
        room = device.classroom
        batch_id = self.oracle.awards[award_id][2]
        with _writes_order_after_what_was_seen(device):
            if whole_batch:
                ids = set(room.ctx.reader.awards_in_batch(batch_id))
                room.awards.undo_batch(batch_id)
            else:
                ids = {award_id}
                room.awards.undo([award_id])
        assert ids <= {a.id for a in room.ctx.reader.awards(sorted(ids)) if a.undone}, \
            "an undo shows at once on the device that made it"
        self.oracle.undone |= ids

    @precondition(_has_teacher_with_class)
    @rule(data=st.data(), first=st.sampled_from(NEW_NAMES), with_last=st.booleans())
    @_step
    def rename(self, data: st.DataObject, first: str, with_last: bool) -> None:
        """A teacher renames a student; the newest write by HLC wins everywhere."""
        device = data.draw(st.sampled_from(self._with_class(teachers_only=True)),
                           label="device")
        student = data.draw(st.sampled_from(
            device.classroom.roster.students(self.oracle.class_id)), label="student")
        self._rename(device, student.id, first, with_last)

    @precondition(lambda self: len(self._with_class(teachers_only=True)) > 1)
    @rule(data=st.data(), names=st.lists(st.sampled_from(NEW_NAMES), min_size=2, max_size=2))
    @_step
    def rename_on_two_devices(self, data: st.DataObject, names: list[str]) -> None:
        """Two teachers rename the same student on their own devices before either has
        synced again: one write wins, the same one on every device."""
        teachers = self._with_class(teachers_only=True)
        first, second = data.draw(st.permutations(teachers), label="devices")[:2]
        student = data.draw(st.sampled_from(sorted(self.oracle.names)), label="student")
        for device, name in zip((first, second), names, strict=True):
            self._rename(device, student, name, with_last=False)

    def _rename(self, device: Device, student_id: str, first: str, with_last: bool) -> None:
        room = device.classroom
        self.renames += 1
        first, last = f"{first}{self.renames}", (f"R{self.renames}" if with_last else "")
        with _writes_order_after_what_was_seen(device):
            room.roster.rename_student(student_id, first, last)
        kind, hlc, payload = _last_outbox(room)
        assert kind == "student_updated" and payload["student_id"] == student_id
        self.oracle.names[student_id].append((Hlc.parse(hlc), first, last))
        shown = room.roster.student(student_id)
        assert shown is not None
        assert (shown.first_name, shown.last_name) == (first, last), (
            f"{device.name} renamed a student after everything it had seen, yet still "
            f"shows {shown.first_name!r} (its new write ordered before an older one)")

    @rule(data=st.data(), online=st.booleans())
    @_step
    def network(self, data: st.DataObject, online: bool) -> None:
        """A device loses or regains the network; an offline device does not sync."""
        device = data.draw(st.sampled_from(self.devices), label="device")
        device.online = online

    @rule(data=st.data(), how=st.sampled_from(["full", "push", "pull"]),
          then_restart=st.booleans())
    @_step
    def sync(self, data: st.DataObject, how: str, then_restart: bool) -> None:
        """A full round, or only its push or only its pull half; perhaps the app is closed
        and opened again right after (the end of a lesson). An offline device tries too,
        and finds the server unreachable: nothing changes but the attempt count."""
        device = data.draw(st.sampled_from(self.devices), label="device")
        if not device.online:
            self._sync_offline(device, how)
        elif how == "push":
            device.open_engine().push_all()
        else:
            engine = device.open_engine()
            report = engine.sync_once() if how == "full" else engine.pull_all()
            device.classroom.changes_from_sync(report.pulled)  # as the app does
        if then_restart:
            self._restart(device)

    def _sync_offline(self, device: Device, how: str) -> None:
        room = device.classroom
        token = room.sync.token()
        assert token is not None
        before = room.sync.counts()
        if how == "push" and not before.waiting:
            return  # nothing to send: push_all would not even try
        engine = SyncEngine(room.sync.store, HttpTransport(self.server_down_url, token),
                            room.ctx.clock)
        try:
            with pytest.raises(Offline):
                engine.push_all() if how == "push" else engine.sync_once()
        finally:
            engine.transport.close()
        assert room.sync.counts() == before

    @rule(data=st.data())
    @_step
    def push_answer_lost(self, data: st.DataObject) -> None:
        """A push reaches the server but its answer never comes back: the events stay
        waiting and are sent again later, and the server must not take them twice."""
        waiting = [d for d in self.devices if d.online and _query(
            d.classroom, "SELECT 1 FROM outbox WHERE state = 'pending' LIMIT 1")]
        if not waiting:
            return
        device = data.draw(st.sampled_from(waiting), label="device")
        room = device.classroom
        token = room.sync.token()
        url = room.sync.server_url()
        assert token is not None and url is not None
        engine = SyncEngine(room.sync.store, LostAnswerTransport(url, token), room.ctx.clock)
        try:
            with pytest.raises(Offline):
                engine.push_all()
        finally:
            engine.transport.close()

    @rule(data=st.data(), offset=st.none() | st.sampled_from(CLOCK_OFFSETS_MS))
    @_step
    def restart(self, data: st.DataObject, offset: int | None) -> None:
        """Close the app and open it again on the same folder (the token is in the
        keyring); with ``offset`` the computer's clock was changed meanwhile."""
        device = data.draw(st.sampled_from(self.devices), label="device")
        if offset is not None:
            device.clock.offset_ms = offset
        self._restart(device)

    @rule(data=st.data(), offset=st.sampled_from(CLOCK_OFFSETS_MS))
    @_step
    def clock_jump(self, data: st.DataObject, offset: int) -> None:
        """The wall clock of a running device jumps ahead or behind."""
        device = data.draw(st.sampled_from(self.devices), label="device")
        device.clock.offset_ms = offset

    def _restart(self, device: Device) -> None:
        before = self._state(device)
        device.close()
        device.classroom = open_classroom(device.folder, now_ms=device.clock.now_ms)
        assert device.classroom.sync.token() is not None, "the token survives a restart"
        assert self._state(device) == before, "a restart changes nothing"

    def _state(self, device: Device) -> tuple[list[Row], ...]:
        return (self._awards(device), self._undos(device), self._students(device),
                _query(device.classroom, "SELECT * FROM outbox ORDER BY seq"),
                _query(device.classroom, "SELECT * FROM sync_state"))

    # The end of the lesson -------------------------------------------------------------

    def teardown(self) -> None:
        try:
            if not self.failed and self.devices:
                self.check_convergence()
        finally:
            for device in self.devices:
                device.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def check_convergence(self) -> None:
        for device in self.devices:
            device.online = True
        for _ in range(2):
            for device in self.devices:
                device.sync_once()

        oracle = self.oracle
        award_rows = [self._awards(d) for d in self.devices]
        undo_rows = [self._undos(d) for d in self.devices]
        student_rows = [self._students(d) for d in self.devices]
        for device, awards, undos, students in zip(self.devices, award_rows, undo_rows,
                                                   student_rows, strict=True):
            room = device.classroom
            assert room.sync.counts().waiting == 0, f"{device.name} has events waiting"
            assert room.sync.counts().rejected == 0, room.sync.rejected()
            assert room.settings.period() is PeriodKind.NEVER
            assert {r[0] for r in awards} == set(oracle.awards), f"{device.name}: awards"
            assert {r[0] for r in undos} == oracle.undone, f"{device.name}: undos"
            assert room.awards.totals(oracle.class_id) == oracle.totals(), \
                f"{device.name}: totals"
            names = {s.id: (s.first_name, s.last_name)
                     for s in room.roster.students(oracle.class_id)}
            assert names == oracle.final_names(), f"{device.name}: names"
            assert awards == award_rows[0], f"{device.name}: award rows differ"
            assert undos == undo_rows[0], f"{device.name}: undo rows differ"
            assert students == student_rows[0], f"{device.name}: student rows differ"
        self._check_server()

    def _check_server(self) -> None:
        with self.server.db.read() as session:
            events = session.execute(
                select(EventRow.event_id, EventRow.device_id, EventRow.seq, EventRow.kind,
                       EventRow.hlc, EventRow.payload)
                .where(EventRow.school_id == self.school_id)).all()
            device_rows = {r.id: r.last_seq for r in session.execute(
                select(DeviceRow.id, DeviceRow.last_seq)
                .where(DeviceRow.school_id == self.school_id))}
            rejected = session.execute(
                select(RejectedEvent.device_id, RejectedEvent.seq, RejectedEvent.reason)
                .where(RejectedEvent.device_id.in_(list(device_rows)))).all()
        assert rejected == [], f"the server rejected events: {rejected}"
        event_ids = [e.event_id for e in events]
        assert len(event_ids) == len(set(event_ids)), "an event is on the server twice"
        sent: set[str] = set()
        on_server = {e.event_id: (e.device_id, e.seq, e.kind, e.hlc, json.loads(e.payload))
                     for e in events}
        for device in self.devices:
            room = device.classroom
            outbox = _query(room, "SELECT seq, event_id, state FROM outbox ORDER BY seq")
            assert all(state == "sent" for _, _, state in outbox)
            sent |= {event_id for _, event_id, _ in outbox}
            for seq, event_id, kind, hlc, payload in _query(
                    room, "SELECT seq, event_id, kind, hlc, payload FROM outbox"):
                assert on_server[event_id] == (room.ctx.device_id, seq, kind, hlc,
                                               json.loads(payload)), "stored as sent"
            seqs = sorted(e.seq for e in events if e.device_id == room.ctx.device_id)
            assert seqs == list(range(1, len(seqs) + 1)), f"{device.name}: seq gap {seqs}"
            assert seqs == [seq for seq, _, _ in outbox], f"{device.name}: seqs differ"
            assert device_rows[room.ctx.device_id] == len(seqs)
            pulled = _query(room, "SELECT event_id, error FROM pulled_events")
            assert [e for e in pulled if e[1]] == [], f"{device.name}: events not applied"
            assert {e[0] for e in pulled} | {e for _, e, _ in outbox} == set(event_ids), \
                f"{device.name} has not seen every event of the school"
        defaults = {e.event_id for e in events
                    if e.device_id == defaults_device_id(self.school_id)}
        assert len(defaults) == len(DEFAULT_SKILLS), "the school's default skills"
        assert sent == set(event_ids) - defaults, \
            "the server has exactly the events the devices made, and the default skills"

    @staticmethod
    def _awards(device: Device) -> list[Row]:
        return _query(device.classroom, "SELECT id, student_id, class_id, skill_id, points, "
                      "note, at_ms, batch_id, device_id, hlc FROM awards ORDER BY id")

    @staticmethod
    def _undos(device: Device) -> list[Row]:
        return _query(device.classroom,
                      "SELECT award_id, event_id, at_ms, hlc FROM award_undos ORDER BY 1")

    @staticmethod
    def _students(device: Device) -> list[Row]:
        return _query(device.classroom, "SELECT id, first_name, last_name, avatar, archived, "
                      "hlc FROM students ORDER BY id")


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    """A folder in memory when there is one: examples open many databases, and the
    durability the app asks for (fsync on each commit) is not what is tested here."""
    shm = Path("/dev/shm")
    root = Path(tempfile.mkdtemp(prefix="dojo-stateful-", dir=shm if shm.is_dir() else None))
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def live_school_server(scratch: Path) -> Iterator[LiveServer]:
    """One server for every example; each example makes its own school."""
    server = LiveServer(Settings(data_dir=scratch / "server",
                                 database_url=sqlite_url(scratch / "server.sqlite3")))
    yield server
    server.stop()


def _closed_port_url() -> str:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # nothing listens there once the socket is closed


def test_devices_converge(live_school_server: LiveServer, scratch: Path) -> None:
    machine = type("Lesson", (ConvergenceMachine,), {
        "server": live_school_server, "root": scratch, "server_down_url": _closed_port_url(),
    })
    run_state_machine_as_test(machine, settings=settings(
        max_examples=25, stateful_step_count=30, deadline=None,
        suppress_health_check=[HealthCheck.too_slow]))

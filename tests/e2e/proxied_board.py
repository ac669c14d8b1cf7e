"""A whiteboard paired with a live school server through the fault proxy, whose
``Switchboard`` a test sets to answer wrongly in the server's place."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

from canned_answers import Switchboard
from fault_proxy import FaultProxy
from ledger import outbox
from school_kit import School

from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.sync.errors import SyncError


@dataclass
class ProxiedBoard:
    """The board, the proxy and its switchboard, and the board's class."""

    school: School
    proxy: FaultProxy
    switchboard: Switchboard
    room: Classroom
    class_id: str

    def award(self) -> None:
        student = self.room.roster.students(self.class_id)[0]
        self.room.awards.give(self.class_id, [student.id], self.room.skills.list()[0].id)

    def pending(self) -> list[tuple[int, str]]:
        return [(seq, event_id) for seq, event_id, _kind, state in outbox(self.room)
                if state == "pending"]

    def sync_once(self) -> SyncError | None:
        """One engine round; the error it ended with, if any."""
        engine = self.room.sync.engine()
        assert engine is not None
        try:
            engine.sync_once()
        except SyncError as exc:
            return exc
        finally:
            engine.transport.close()
        return None


@contextlib.contextmanager
def proxied_board(school: School) -> Iterator[ProxiedBoard]:
    """A whiteboard paired through the proxy, synced once, with one award waiting."""
    switchboard = Switchboard()
    with FaultProxy(int(school.url.rsplit(":", 1)[1]), switchboard) as proxy:
        room = open_classroom(school.root / "whiteboard")
        school.devices.append(room)
        room.sync.pair(proxy.url, school.code("teacher"), device_name="whiteboard")
        demo = room.create_demo_class()
        made = ProxiedBoard(school, proxy, switchboard, room, demo.id)
        assert made.sync_once() is None
        made.award()
        assert len(made.pending()) == 1
        yield made

"""A whiteboard's data folder copied to a second computer never speaks as the first.

The copy is told, in plain words, to connect again; connecting again makes it a device of
its own that keeps everything it holds and sends what it had not sent. The first computer
syncs on untouched, and every device and the server end with the same totals. The second
computer is another keyring (the test's stand-in for the OS's), and, when the keyring was
copied along, another machine id from the operating system.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from ledger import (
    ServerLedger,
    all_time_totals,
    history,
    outbox,
    server_db_path,
    sync_until_idle,
)
from school_kit import School

from dojo_desktop.core.error_texts import message
from dojo_desktop.services import machine_identity
from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.sync.errors import OtherComputer


class Computers:
    """Which computer the test is on: each has its own keyring and OS machine id."""

    def __init__(self, keyring: dict[tuple[str, str], str],
                 monkeypatch: pytest.MonkeyPatch) -> None:
        self._keyring = keyring
        self._monkeypatch = monkeypatch
        self._kept: dict[str, dict[tuple[str, str], str]] = {"first": {}}
        self._ids = {"first": machine_identity.platform_machine_id()}
        self._here = "first"

    def add(self, name: str, keyring: dict[tuple[str, str], str], machine_id: str) -> None:
        self._kept[name], self._ids[name] = dict(keyring), machine_id

    def keyring_of(self, name: str) -> dict[tuple[str, str], str]:
        return dict(self._keyring) if name == self._here else dict(self._kept[name])

    @contextmanager
    def on(self, name: str) -> Iterator[None]:
        """Run the block on computer ``name``."""
        before = self._here
        self._switch(name)
        try:
            yield
        finally:
            self._switch(before)

    def _switch(self, name: str) -> None:
        self._kept[self._here] = dict(self._keyring)
        self._keyring.clear()
        self._keyring.update(self._kept[name])
        machine_id = self._ids[name]
        self._monkeypatch.setattr(machine_identity, "platform_machine_id", lambda: machine_id)
        self._here = name


@pytest.fixture
def computers(memory_keyring: dict[tuple[str, str], str],
              monkeypatch: pytest.MonkeyPatch) -> Computers:
    return Computers(memory_keyring, monkeypatch)


def server_totals(ledger: ServerLedger) -> dict[str, int]:
    undone = {award_id for e in ledger.events if e[4] == "award_undone"
              for award_id in json.loads(e[5])["award_ids"]}
    totals: Counter[str] = Counter()
    for e in ledger.events:
        payload = json.loads(e[5])
        if e[4] == "award_given" and payload["award_id"] not in undone:
            totals[payload["student_id"]] += payload["points"]
    return dict(totals)


def awards(room: Classroom, taps: int) -> None:
    demo = room.roster.classes()[0]
    students = [s.id for s in room.roster.students(demo.id)]
    skill = room.skills.list()[0].id
    for tap in range(taps):
        room.awards.give(demo.id, students[tap % len(students):][:2], skill)


def copy_folder(school: School, board: Classroom, target: Path) -> Classroom:
    """Copy the board's folder to ``target`` with the app closed; the board again."""
    folder = board.ctx.data_dir
    school.devices.remove(board)
    board.close()
    shutil.copytree(folder, target)
    again = open_classroom(folder)
    school.devices.append(again)
    return again


def check_converged(school: School, rooms: list[Classroom]) -> None:
    ledger = ServerLedger.read(server_db_path(school.server.settings))
    ids = ledger.event_ids()
    assert len(ids) == len(set(ids)), "an event stored twice"
    award_ids = ledger.award_ids()
    assert len(award_ids) == len(set(award_ids)), "an award stored twice"
    assert not ledger.rejected
    for room in rooms:
        assert room.sync.counts().rejected == 0
        assert {state for *_, state in outbox(room)} <= {"sent"}
        assert all_time_totals(room) == server_totals(ledger)
        assert history(room) == history(rooms[0])


@pytest.mark.parametrize("keyring_copied", [True, False], ids=["keyring-copied", "no-keyring"])
def test_a_folder_copied_to_another_computer_pairs_again_as_its_own_device(
        school: School, sync: Callable[[Classroom], None], computers: Computers,
        tmp_path: Path, keyring_copied: bool) -> None:
    board = school.device("board")
    board.create_demo_class()
    awards(board, 5)
    sync(board)
    ta = school.device("ta", "ta")
    sync(ta)
    awards(board, 4)  # waiting when the folder is copied: the first computer sends them
    board = copy_folder(school, board, tmp_path / "copy")
    first_id = board.ctx.device_id
    computers.add("second", computers.keyring_of("first") if keyring_copied else {},
                  machine_id="another-installation")
    awards(board, 6)
    sync(board)

    with computers.on("second"):
        copy = open_classroom(tmp_path / "copy")
        school.devices.append(copy)
        awards(copy, 7)
        assert copy.sync.is_paired() == keyring_copied
        if keyring_copied:
            engine = copy.sync.engine()
            assert engine is not None
            with pytest.raises(OtherComputer) as refused:
                engine.sync_once()
            engine.transport.close()
            assert str(refused.value) == str(message("sync.other_computer"))
    sync(board)  # the first computer is untouched by the copy's attempts
    awards(board, 3)
    sync(board)

    with computers.on("second"):
        copy.sync.pair(school.url, school.code(), device_name="copy")
        assert copy.ctx.device_id != first_id
        assert copy.sync.store.position().device_id == copy.ctx.device_id  # type: ignore[union-attr]
        sync_until_idle(copy)
        awards(copy, 2)
        sync_until_idle(copy)
    assert board.ctx.device_id == first_id
    awards(board, 2)
    sync(board)
    sync(ta)
    with computers.on("second"):
        sync(copy)
    sync(board)
    check_converged(school, [board, ta, copy])

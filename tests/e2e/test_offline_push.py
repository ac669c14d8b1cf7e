"""A push to a server that cannot be reached: one small request finds out, and the
backlog's batches (megabytes of rows and JSON) are not built for nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest
from school_kit import School

from dojo_desktop.sync.engine import SyncEngine
from dojo_desktop.sync.errors import Offline

T = TypeVar("T")


def counted(calls: list[tuple[object, ...]], real: Callable[..., T]) -> Callable[..., T]:
    """``real``, noting each call's arguments in ``calls``."""
    def call(*args: object) -> T:
        calls.append(args)
        return real(*args)
    return call


def test_an_unreachable_server_is_asked_once_before_any_batch_is_built(
        school: School) -> None:
    board = school.device("whiteboard")
    demo = board.create_demo_class()
    everyone = [student.id for student in board.roster.students(demo.id)]
    for skill in board.skills.list():
        board.awards.give(demo.id, everyone, skill.id)
    engine = board.sync.engine()
    assert engine is not None
    built: list[tuple[object, ...]] = []
    sent: list[tuple[object, ...]] = []
    asked: list[tuple[object, ...]] = []
    engine._next_batch = counted(built, engine._next_batch)  # type: ignore[method-assign]
    engine.transport.push_json = counted(sent, engine.transport.push_json)  # type: ignore[method-assign]
    engine.transport.health = counted(asked, engine.transport.health)  # type: ignore[method-assign]
    try:
        school.server.stop()
        for _attempt in range(3):  # the scheduler's retries after each backoff
            with pytest.raises(Offline):
                engine.push_all()
        assert (len(asked), built, sent) == (3, [], [])  # three tries, no batch
        assert board.sync.counts().waiting >= len(everyone)
    finally:
        engine.transport.close()


def test_nothing_waiting_asks_nothing(school: School) -> None:
    """A timer's push with nothing to send talks to no server, reachable or not."""
    board = school.device("whiteboard")
    engine: SyncEngine | None = board.sync.engine()
    assert engine is not None
    engine.push_all()  # the new device's own events
    school.server.stop()
    try:
        fresh = board.sync.engine()
        assert fresh is not None
        report = fresh.push_all()
        assert report.pushed == 0
        fresh.transport.close()
    finally:
        engine.transport.close()

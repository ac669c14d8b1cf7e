"""Group commit: writes waiting together share a transaction; one failure fails only itself."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from dojo_server.db.session import Database
from dojo_server.db.write_groups import WriteGroups


class Refused(Exception):
    """A write's own refusal, raised before it writes."""


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    with database.engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS notes"))
        conn.execute(text("CREATE TABLE notes (n INTEGER PRIMARY KEY)"))
    yield database
    with database.engine.begin() as conn:
        conn.execute(text("DROP TABLE notes"))
    database.dispose()


def _notes(db: Database) -> list[int]:
    with db.engine.connect() as conn:
        return [row[0] for row in conn.execute(text("SELECT n FROM notes ORDER BY n"))]


class Notes:
    """A batch function: inserts its items with one statement, refuses negative ones
    (writing nothing for them), and records the items of each call."""

    def __init__(self) -> None:
        self.calls: list[list[int]] = []

    def __call__(self, session: Session, items: list[int]) -> list[int | Exception]:
        self.calls.append(items)
        kept = [n for n in items if n >= 0]
        if kept:
            session.execute(text("INSERT INTO notes (n) VALUES (:n)"), [{"n": n} for n in kept])
        return [n if n >= 0 else Refused(f"no {n}") for n in items]


class CountingBegin:
    """``Database.write`` that counts its transactions and can hold the first one open."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.transactions = 0
        self.first_open = threading.Event()
        self.release_first = threading.Event()

    @contextmanager
    def __call__(self) -> Iterator[Session]:
        self.transactions += 1
        first = self.transactions == 1
        with self.db.write() as session:
            yield session
            if first:
                self.first_open.set()
                self.release_first.wait(10)


def _run_while_first_is_held(groups: WriteGroups, begin: CountingBegin, notes: Notes,
                             items: list[int]) -> list[object]:
    """Write note 0, and while its transaction is open queue ``items``; their results
    (or errors) in order."""
    results: list[object] = [None] * len(items)

    def run(index: int) -> None:
        try:
            results[index] = groups.run(notes, items[index])
        except Exception as exc:  # the test looks at it
            results[index] = exc

    first = threading.Thread(target=groups.run, args=(notes, 0))
    first.start()
    assert begin.first_open.wait(10)
    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(items))]
    for thread in threads:
        thread.start()
    while len(groups._queue) < len(items):  # all queued behind the open transaction
        threading.Event().wait(0.01)
    begin.release_first.set()
    for thread in [first, *threads]:
        thread.join(10)
    return results


def test_writes_waiting_together_share_one_transaction_and_one_call(db: Database) -> None:
    begin, notes = CountingBegin(db), Notes()
    groups = WriteGroups(begin)
    results = _run_while_first_is_held(groups, begin, notes, list(range(1, 11)))
    assert results == list(range(1, 11))
    assert begin.transactions == 2  # the first alone, then the ten that queued behind it
    assert len(notes.calls) == 2 and sorted(notes.calls[1]) == list(range(1, 11))
    assert _notes(db) == list(range(11))


def test_a_refusal_fails_only_its_own_write(db: Database) -> None:
    begin, notes = CountingBegin(db), Notes()
    groups = WriteGroups(begin)
    results = _run_while_first_is_held(groups, begin, notes, [1, -1, 2])
    assert results[0] == 1 and results[2] == 2
    assert isinstance(results[1], Refused)
    assert begin.transactions == 2
    assert _notes(db) == [0, 1, 2]


def test_a_failing_write_is_isolated_and_the_others_commit_once(db: Database) -> None:
    begin, notes = CountingBegin(db), Notes()
    groups = WriteGroups(begin)
    # 0 breaks the primary key: the group's one statement fails and rolls back.
    results = _run_while_first_is_held(groups, begin, notes, [1, 0, 2])
    assert results[0] == 1 and results[2] == 2
    assert isinstance(results[1], Exception) and not isinstance(results[1], int)
    assert _notes(db) == [0, 1, 2]  # each committed exactly once
    assert begin.transactions == 2 + 3  # the group, then each write alone


def test_different_batch_functions_share_the_transaction(db: Database) -> None:
    begin, notes, others = CountingBegin(db), Notes(), Notes()
    groups = WriteGroups(begin)
    results: dict[int, object] = {}
    first = threading.Thread(target=groups.run, args=(notes, 0))
    first.start()
    assert begin.first_open.wait(10)
    threads = [threading.Thread(target=lambda n=n, batch=batch: results.__setitem__(
        n, groups.run(batch, n))) for n, batch in ((1, notes), (2, others), (3, notes))]
    for thread in threads:
        thread.start()
    while len(groups._queue) < 3:
        threading.Event().wait(0.01)
    begin.release_first.set()
    for thread in [first, *threads]:
        thread.join(10)
    assert results == {1: 1, 2: 2, 3: 3}
    assert begin.transactions == 2
    assert sorted(notes.calls[1]) == [1, 3] and others.calls == [[2]]
    assert _notes(db) == [0, 1, 2, 3]

"""The writer: domain rows and outbox rows in one transaction, all or nothing, in order."""

from __future__ import annotations

import itertools
import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dojo_desktop.core.events import EventKind
from dojo_desktop.core.hlc import Hlc
from dojo_desktop.core.model import Polarity, Skill
from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.store.database import DATABASE_NAME
from dojo_desktop.store.errors import StorageError
from dojo_protocol.periods import PeriodKind

DOMAIN_TABLES = ("classes", "students", "class_students", "skills", "awards", "award_undos",
                 "settings")
T0 = 1_790_000_000_000


def counts(data_dir: Path) -> dict[str, int]:
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    try:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in (*DOMAIN_TABLES, "outbox")}
    finally:
        conn.close()


def outbox(data_dir: Path) -> list[dict[str, Any]]:
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM outbox ORDER BY seq")]
    finally:
        conn.close()


def device_row(data_dir: Path) -> tuple[str, int, str]:
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    try:
        rows = conn.execute("SELECT id, next_seq, last_hlc FROM device").fetchall()
    finally:
        conn.close()
    assert len(rows) == 1
    return rows[0]


class CommitCounter:
    """Counts the transactions the classroom's writer commits (a listener, not a mock)."""

    def __init__(self, classroom: Classroom) -> None:
        self.commits = 0
        self.rollbacks = 0
        # Every write goes through the writer's one sqlite3 connection.
        classroom.ctx.writer._taps.set_trace_callback(self._on_statement)

    def _on_statement(self, sql: str) -> None:
        if sql == "COMMIT":
            self.commits += 1
        elif sql == "ROLLBACK":
            self.rollbacks += 1


@pytest.fixture
def room(data_dir: Path) -> Iterator[Classroom]:
    opened = open_classroom(data_dir)
    yield opened
    opened.close()


def setup_class(room: Classroom, students: int = 3) -> tuple[str, list[str], Skill]:
    group, _ = room.roster.create_class("4B")
    ids = [room.roster.add_student(group.id, f"Kid{i}")[0].id for i in range(students)]
    return group.id, ids, room.skills.list()[0]


# One transaction per service call -------------------------------------------------------


def test_every_service_write_is_one_transaction_of_domain_and_outbox_rows(
    room: Classroom, data_dir: Path, tmp_path: Path,
) -> None:
    class_id, student_ids, skill = setup_class(room)
    csv_file = tmp_path / "roster.csv"
    csv_file.write_text("First name,Last name,Class\nAmira,Khan,5C\nBen,Okafor,5C\n",
                        encoding="utf-8")
    given: list[str] = []
    batch_ids: list[str] = []

    def give() -> None:
        result = room.awards.give(class_id, student_ids, skill.id)
        given.extend(result.award_ids)
        batch_ids.append(result.batch_id)

    actions: list[tuple[str, Callable[[], object], dict[str, int], int]] = [
        ("create class", lambda: room.roster.create_class("5C"), {"classes": 1}, 1),
        ("add student", lambda: room.roster.add_student(class_id, "Dara"),
         {"students": 1, "class_students": 1}, 1),
        ("rename student", lambda: room.roster.rename_student(student_ids[0], "Kiddo", "X"),
         {}, 1),
        ("archive student", lambda: room.roster.archive_student(student_ids[1]), {}, 1),
        ("give to three", give, {"awards": 3}, 3),
        ("undo one", lambda: room.awards.undo(given[:1]), {"award_undos": 1}, 1),
        ("undo the rest of the batch", lambda: room.awards.undo_batch(batch_ids[0]),
         {"award_undos": 2}, 1),
        ("add skill", lambda: room.skills.save(Skill("", "Kindness", "heart",
                                                     Polarity.POSITIVE, 2)), {"skills": 1}, 1),
        ("reorder skills", lambda: room.skills.reorder([s.id for s in room.skills.list()][::-1]),
         {}, 1),
        ("set period", lambda: room.settings.set_period(PeriodKind.DAILY), {"settings": 1}, 1),
        ("import csv", lambda: room.roster.import_csv(csv_file, None),
         {"students": 2, "class_students": 2}, 2),  # 5C exists already: no new class
    ]
    counter = CommitCounter(room)
    for name, action, domain_delta, events in actions:
        before, commits_before = counts(data_dir), counter.commits
        action()
        after = counts(data_dir)
        assert counter.commits - commits_before == 1, name
        assert after["outbox"] - before["outbox"] == events, name
        for table in DOMAIN_TABLES:
            assert after[table] - before[table] == domain_delta.get(table, 0), (name, table)
    assert counter.rollbacks == 0


def test_the_outbox_row_describes_the_change(room: Classroom, data_dir: Path) -> None:
    class_id, student_ids, skill = setup_class(room, students=2)
    result = room.awards.give(class_id, student_ids, skill.id, note="great")
    rows = outbox(data_dir)[-2:]
    assert [r["kind"] for r in rows] == [EventKind.AWARD_GIVEN.value] * 2
    payloads = [json.loads(r["payload"]) for r in rows]
    assert [p["award_id"] for p in payloads] == list(result.award_ids)
    assert {p["batch_id"] for p in payloads} == {result.batch_id}
    assert [p["student_id"] for p in payloads] == student_ids
    assert all(p["points"] == skill.points and p["note"] == "great" for p in payloads)
    assert all(r["state"] == "pending" and r["attempts"] == 0 for r in rows)
    for r in outbox(data_dir):
        assert uuid.UUID(r["event_id"]).version == 7
    assert len({r["event_id"] for r in outbox(data_dir)}) == len(outbox(data_dir))


# All or nothing -------------------------------------------------------------------------


def give_with_one_missing_student(room: Classroom) -> tuple[str, list[str], Skill]:
    class_id, student_ids, skill = setup_class(room, students=4)
    mixed = [*student_ids[:2], "01900000-0000-7000-8000-000000000000", *student_ids[2:]]
    return class_id, mixed, skill


def test_a_batch_with_one_unknown_student_stores_nothing(room: Classroom,
                                                          data_dir: Path) -> None:
    class_id, mixed, skill = give_with_one_missing_student(room)
    before, device_before = counts(data_dir), device_row(data_dir)
    with pytest.raises(Exception):  # noqa: B017 - which type is the next test's concern
        room.awards.give(class_id, mixed, skill.id)
    assert counts(data_dir) == before
    assert device_row(data_dir) == device_before
    # The next write continues the outbox without a gap.
    room.awards.give(class_id, mixed[:2], skill.id)
    seqs = [r["seq"] for r in outbox(data_dir)]
    assert seqs == list(range(1, len(seqs) + 1))
    assert counts(data_dir)["awards"] == before["awards"] + 2


def test_a_failed_write_raises_storage_error(room: Classroom) -> None:
    """The UI shows StorageError messages; a raw SQLAlchemy error would be a crash."""
    class_id, mixed, skill = give_with_one_missing_student(room)
    with pytest.raises(StorageError):
        room.awards.give(class_id, mixed, skill.id)


def test_a_student_added_to_an_unknown_class_is_refused_with_storage_error(
    room: Classroom, data_dir: Path,
) -> None:
    before = counts(data_dir)
    with pytest.raises(StorageError):
        room.roster.add_student("01900000-0000-7000-8000-000000000001", "Nobody")
    assert counts(data_dir) == before


def test_disk_full_is_reported_in_plain_words_and_stores_nothing(room: Classroom,
                                                                data_dir: Path) -> None:
    """A real SQLITE_FULL: the writer's connections may not grow the file any further."""
    class_id, _, skill = setup_class(room, students=1)
    many = [room.roster.add_student(class_id, f"Pupil{i}", "x" * 50)[0].id for i in range(60)]
    taps = room.ctx.writer._taps  # every write goes through this one connection
    uncapped = taps.execute("PRAGMA max_page_count").fetchone()[0]
    pages = taps.execute("PRAGMA page_count").fetchone()[0]
    taps.execute(f"PRAGMA max_page_count={pages}")
    before = counts(data_dir)
    with pytest.raises(StorageError) as caught:
        for _ in range(20):  # free space inside existing pages runs out quickly
            room.awards.give(class_id, many, skill.id, note="n" * 500)
            before = counts(data_dir)
    assert "disk is full" in str(caught.value)
    assert counts(data_dir) == before  # the failed tap left nothing behind
    taps.execute(f"PRAGMA max_page_count={uncapped}")
    room.awards.give(class_id, many[:1], skill.id)  # space again: writes work
    seqs = [r["seq"] for r in outbox(data_dir)]
    assert seqs == list(range(1, len(seqs) + 1))


# Order across writes and restarts -------------------------------------------------------


def test_outbox_seqs_and_hlcs_are_in_order_across_many_writes_and_restarts(
    data_dir: Path,
) -> None:
    wall = [T0]
    device_ids = set()
    class_id = ""
    for restart in range(6):
        # Every other restart the wall clock is an hour behind the previous run.
        wall[0] += -3_600_000 if restart % 2 else 7_200_000
        room = open_classroom(data_dir, now_ms=lambda: wall[0])
        try:
            device_ids.add(room.ctx.device_id)
            if not class_id:
                class_id = room.roster.create_class("4B")[0].id
            kid = room.roster.add_student(class_id, f"Kid{restart}")[0].id
            skill = room.skills.list()[0]
            for i in range(15):
                result = room.awards.give(class_id, [kid], skill.id)
                if i % 4 == 0:
                    room.awards.undo(list(result.award_ids))
                wall[0] += 1 if i % 3 else 0  # often several writes in one millisecond
        finally:
            room.close()
    rows = outbox(data_dir)
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    stamps = [Hlc.parse(r["hlc"]) for r in rows]
    assert all(a < b for a, b in itertools.pairwise(stamps))
    assert [r["hlc"] for r in rows] == sorted(r["hlc"] for r in rows)
    assert device_ids == {stamps[0].device}
    assert {s.device for s in stamps} == device_ids
    device_id, next_seq, last_hlc = device_row(data_dir)
    assert next_seq == len(rows) + 1
    assert last_hlc == rows[-1]["hlc"]
    assert device_ids == {device_id}


def test_the_device_id_is_stable_across_reopening(data_dir: Path) -> None:
    first = open_classroom(data_dir)
    device_id = first.ctx.device_id
    class_id, student_ids, skill = setup_class(first, students=1)
    first.awards.give(class_id, student_ids, skill.id)
    first.close()
    for _ in range(3):
        again = open_classroom(data_dir)
        try:
            assert again.ctx.device_id == device_id
            again.awards.give(class_id, student_ids, skill.id)
        finally:
            again.close()
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    try:
        assert {r[0] for r in conn.execute("SELECT device_id FROM awards")} == {device_id}
    finally:
        conn.close()
    assert uuid.UUID(device_id).version == 7


def test_undo_adds_an_event_and_never_deletes_awards(room: Classroom, data_dir: Path) -> None:
    class_id, student_ids, skill = setup_class(room)
    result = room.awards.give(class_id, student_ids, skill.id)
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    try:
        awards_before = conn.execute("SELECT * FROM awards ORDER BY id").fetchall()
    finally:
        conn.close()
    room.awards.undo_batch(result.batch_id)
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    try:
        assert conn.execute("SELECT * FROM awards ORDER BY id").fetchall() == awards_before
        undone = {r[0] for r in conn.execute("SELECT award_id FROM award_undos")}
    finally:
        conn.close()
    assert undone == set(result.award_ids)
    last = outbox(data_dir)[-1]
    assert last["kind"] == EventKind.AWARD_UNDONE.value
    assert sorted(json.loads(last["payload"])["award_ids"]) == sorted(result.award_ids)


def test_two_copies_of_the_app_on_one_folder_keep_one_order(data_dir: Path) -> None:
    """A teacher who starts the app twice: both copies would write as the same device.

    Either the second copy is refused with a clear error (a single-instance lock), or
    both may write: then seqs must stay consecutive and the HLCs unique and in seq
    order, or last-writer-wins on other devices cannot tell the copies' changes apart.
    """
    wall = [T0]
    first = open_classroom(data_dir, now_ms=lambda: wall[0])
    second = None
    try:
        class_id, student_ids, skill = setup_class(first, students=1)
        try:
            second = open_classroom(data_dir, now_ms=lambda: wall[0])
        except RuntimeError as refused:  # StorageError and friends
            assert str(refused)
            first.awards.give(class_id, student_ids, skill.id)
            return
        for _ in range(5):  # the same millisecond, as on a fast machine
            first.awards.give(class_id, student_ids, skill.id)
            second.awards.give(class_id, student_ids, skill.id)
    finally:
        first.close()
        if second is not None:
            second.close()
    rows = outbox(data_dir)
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    stamps = [r["hlc"] for r in rows]
    assert len(set(stamps)) == len(stamps), "two events share one HLC"
    assert stamps == sorted(stamps)


@pytest.mark.parametrize(("kind", "payload", "problem"), [
    (EventKind.AWARD_GIVEN, {"points": 0}, "points must not be 0"),
    (EventKind.CLASS_CREATED, {"name": "x" * 61}, "name must be at most 60 characters"),
    (EventKind.MESSAGE_READ, {"reader": "guardian"}, "guardian_id is missing"),
])
def test_an_event_the_protocol_refuses_is_a_programming_error_and_stores_nothing(
        room: Classroom, data_dir: Path, kind: EventKind, payload: dict[str, Any],
        problem: str) -> None:
    """Checked against the registry before the transaction: no other device is ever sent
    an event it would drop."""
    from dojo_desktop.core.events import Event
    from dojo_desktop.store.errors import InvalidEvent

    ids = {key: str(uuid.uuid4()) for key in ("award_id", "student_id", "class_id",
                                              "skill_id", "batch_id", "message_id")}
    base: dict[str, dict[str, Any]] = {
        EventKind.AWARD_GIVEN: {**ids, "at_ms": T0},
        EventKind.CLASS_CREATED: {"class_id": ids["class_id"]},
        EventKind.MESSAGE_READ: {"message_id": ids["message_id"], "at_ms": T0}}
    event = Event(kind, Hlc(T0, 0, "device"), {**base[kind], **payload})
    before, device_before = counts(data_dir), device_row(data_dir)
    with pytest.raises(InvalidEvent, match=problem):
        room.ctx.writer.record([event])
    assert (counts(data_dir), device_row(data_dir)) == (before, device_before)

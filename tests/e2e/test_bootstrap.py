"""A new device's first sync downloads the school whole (sync/first_sync_tables.py): it must end
exactly where pulling page by page ends, keep what the device made before and during the
download, and fall back to pages when a check fails."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
import time
from contextlib import closing
from typing import Any

import pytest
from bootstrap_kit import (
    SMALL_PAGE,
    build_history,
    school_rows,
    small_page_engine,
    sync_with_pages,
)
from school_kit import School

from dojo_desktop.core import events as ev
from dojo_desktop.core.ids import uuid7
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.sync import engine as engine_module
from dojo_desktop.sync import first_sync_tables
from dojo_desktop.sync.first_sync_tables import Bootstrap, BootstrapFailed
from dojo_desktop.sync.wire import RawPull
from dojo_protocol.digest import ClassDigest


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many whole downloads ran (and how many events each applied)."""
    seen: list[int] = []
    real = engine_module.download

    def counted(*args: Any, **kwargs: Any) -> Any:
        loaded = real(*args, **kwargs)
        seen.append(loaded.page.applied)
        return loaded

    monkeypatch.setattr(engine_module, "download", counted)
    return seen


def awards_of(room: Classroom, class_id: str) -> ClassDigest:
    return room.sync.store.class_digest(class_id)


def test_download_ends_where_pages_end(school: School, downloads: list[int]) -> None:
    board = school.device("whiteboard")
    class_id = build_history(board)
    downloads.clear()  # the whiteboard's own first pull: its own events, known already

    whole = school.device("new-laptop")
    report = sync_with_pages(whole)
    assert len(downloads) == 1 and report.pulled.applied == downloads[0] > 200
    assert class_id in report.pulled.classes and report.pulled.roster

    paged = school.device("paged-laptop")
    sync_with_pages(paged, page=5000)  # the school fits in one page: no download
    assert len(downloads) == 1
    assert school_rows(whole) == school_rows(paged)
    assert awards_of(whole, class_id) == awards_of(board, class_id)
    # The totals' period follows the school's time zone, which came with the download:
    # read the settings again first, as the window does after a sync that changed them
    # (before, the two devices disagreed each day from 23:00 UTC, Paris's midnight).
    whole.settings.reload()
    assert whole.settings.timezone() == board.settings.timezone() == "Europe/Paris"
    assert whole.awards.totals(class_id) == board.awards.totals(class_id)

    # After the download the device goes on page by page, like any other.
    students = [s.id for s in board.roster.students(class_id)]
    skill = board.skills.list()[0].id
    board.awards.give(class_id, students[:5], skill)
    sync_with_pages(board)
    sync_with_pages(whole)
    sync_with_pages(paged)
    assert len(downloads) == 1
    assert school_rows(whole) == school_rows(paged)
    assert awards_of(whole, class_id) == awards_of(board, class_id)


def test_outbox_before_and_during_download_survives(school: School,
                                                     downloads: list[int],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    board = school.device("whiteboard")
    class_id = build_history(board)
    downloads.clear()

    laptop = school.device("laptop")
    club, _ = laptop.roster.create_class("Chess club")
    kid = laptop.roster.add_student(club.id, "Ada")[0].id
    skill = laptop.skills.list()[0].id
    before = laptop.awards.give(club.id, [kid], skill).award_ids  # pushed before the pull
    laptop.settings.set_preference("privacy_mode", True)

    # While the pages arrive, the teacher keeps working and the push thread keeps pushing.
    during: list[str] = []
    pages = 0
    real_pull_raw = engine_module.HttpTransport.pull_raw

    def pull_raw(transport: Any, cursor: str, limit: int = 500, wait: float = 0) -> RawPull:
        nonlocal pages
        pages += 1
        if pages == 4:  # the award of page 2 reaches the server and comes back in a page
            pusher = small_page_engine(laptop)
            pusher.push_all()
            pusher.transport.close()
        if pages in (2, 4):
            during.extend(laptop.awards.give(club.id, [kid], skill).award_ids)
        return real_pull_raw(transport, cursor, limit, wait)

    monkeypatch.setattr(engine_module.HttpTransport, "pull_raw", pull_raw)
    sync_with_pages(laptop)
    assert len(downloads) == 1 and pages > 5
    assert len(during) == 2
    mine = {*before, *during}
    held = {entry.award.id for entry in laptop.awards.history(kid, club.id)}
    assert mine <= held
    assert laptop.settings.preference("privacy_mode") is True
    assert laptop.sync.counts().waiting == 1  # the award made at page 4 waits for a push
    with closing(sqlite3.connect(laptop.ctx.db_path)) as conn:
        own_pulled = conn.execute("SELECT count(*) FROM pulled_events WHERE event_id IN "
                                  "(SELECT event_id FROM outbox)").fetchone()[0]
    assert own_pulled == 0, "own events that came back are known by the outbox only"
    assert awards_of(laptop, class_id) == awards_of(board, class_id)

    sync_with_pages(laptop)
    sync_with_pages(board)
    assert laptop.sync.counts().waiting == 0
    for cls in (class_id, club.id):
        assert awards_of(laptop, cls) == awards_of(board, cls)


@pytest.mark.expected_log("first sync not downloaded whole")
def test_failed_check_falls_back_to_pages(school: School, monkeypatch: pytest.MonkeyPatch,
                                          caplog: pytest.LogCaptureFixture) -> None:
    board = school.device("whiteboard")
    class_id = build_history(board)

    def refuse(self: Bootstrap) -> None:
        raise BootstrapFailed("test: the download does not add up")

    monkeypatch.setattr(Bootstrap, "finish", refuse)
    laptop = school.device("laptop")
    sync_with_pages(laptop)
    assert "pulling page by page" in caplog.text
    assert awards_of(laptop, class_id) == awards_of(board, class_id)
    paged = school.device("paged")
    sync_with_pages(paged, page=5000)
    assert school_rows(laptop) == school_rows(paged)


def test_bad_event_is_recorded_as_page_by_page(school: School, downloads: list[int],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """An event the appliers refuse is kept with its reason and skipped, both ways."""
    board = school.device("whiteboard")
    class_id = build_history(board, taps=60)
    downloads.clear()
    real_remote = first_sync_tables._remote

    def spoil(change: dict[str, Any]) -> Any:
        if change["kind"] == "student_updated":
            change["payload"]["fields"]["shoe_size"] = 38
        return real_remote(change)

    monkeypatch.setattr(first_sync_tables, "_remote", spoil)
    laptop = school.device("laptop")
    report = sync_with_pages(laptop)
    assert len(downloads) == 1 and report.pulled.skipped == 1
    assert awards_of(laptop, class_id) == awards_of(board, class_id)
    # The rename was refused, so the old name stays, as it would page by page.
    assert all(s.first_name != "Zoë" for s in laptop.roster.students(class_id))


def test_a_tap_during_the_take_in_waits_and_is_kept(school: School,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    board = school.device("whiteboard")
    build_history(board, taps=40)
    laptop = school.device("laptop")
    club, _ = laptop.roster.create_class("Art")
    kid = laptop.roster.add_student(club.id, "Bo")[0].id
    skill = laptop.skills.list()[0].id
    tapped: list[str] = []
    taps: list[threading.Thread] = []
    real = Bootstrap._replay_outbox

    def replay_with_a_tap(self: Bootstrap, conn: Any) -> None:
        # The live write lock is held here: a tap from another thread waits for the commit.
        tap = threading.Thread(target=lambda: tapped.extend(
            laptop.awards.give(club.id, [kid], skill).award_ids))
        tap.start()
        taps.append(tap)
        tap.join(0.3)
        assert tap.is_alive(), "the tap should wait for the take-in's write lock"
        real(self, conn)

    monkeypatch.setattr(Bootstrap, "_replay_outbox", replay_with_a_tap)
    sync_with_pages(laptop)
    taps[0].join(10)
    assert len(tapped) == 1
    assert tapped[0] in {entry.award.id for entry in laptop.awards.history(kid, club.id)}
    assert laptop.sync.counts().waiting == 1


def test_an_event_sent_twice_is_stored_once(school: School, downloads: list[int],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    board = school.device("whiteboard")
    class_id = build_history(board, taps=60)
    downloads.clear()
    real_pull_raw = engine_module.HttpTransport.pull_raw
    seen: list[dict[str, Any]] = []

    def repeating(transport: Any, cursor: str, limit: int = 500, wait: float = 0) -> RawPull:
        page = real_pull_raw(transport, cursor, limit, wait)
        if seen and page.changes:  # the first event of the first page, once more
            page.changes.insert(0, dict(seen[0]))
        seen.extend(page.changes)
        return page

    monkeypatch.setattr(engine_module.HttpTransport, "pull_raw", repeating)
    laptop = school.device("laptop")
    report = sync_with_pages(laptop)
    assert len(downloads) == 1 and report.pulled.skipped == 0
    assert awards_of(laptop, class_id) == awards_of(board, class_id)
    monkeypatch.undo()
    paged = school.device("paged")
    sync_with_pages(paged, page=5000)
    assert school_rows(laptop) == school_rows(paged)


def test_an_award_is_kept_once_unless_it_carries_more(school: School,
                                                      downloads: list[int]) -> None:
    """An applied award's payload lives in its awards row, not twice; one with a key a
    newer version added keeps its whole payload in pulled_events as well. Both ways."""
    board = school.device("whiteboard")
    class_id = build_history(board, taps=60)
    student = board.roster.students(class_id)[0].id
    skill = next(s for s in board.skills.list() if s.points > 0)
    ctx = board.ctx
    plain = ev.award_given(ctx.clock.now(), award_id=uuid7(), student_id=student,
                           class_id=class_id, skill_id=skill.id, points=skill.points,
                           batch_id=uuid7(), at_ms=ctx.now_ms())
    newer = dataclasses.replace(plain, id=uuid7(), payload={
        **plain.payload, "award_id": uuid7(), "mood": "proud"})
    ctx.record([plain, newer])
    sync_with_pages(board)
    downloads.clear()

    for room, page in ((school.device("laptop"), SMALL_PAGE), (school.device("paged"), 5000)):
        sync_with_pages(room, page)
        with closing(sqlite3.connect(room.ctx.db_path)) as conn:
            kept = dict(conn.execute("SELECT event_id, payload FROM pulled_events "
                                     "WHERE kind = 'award_given'").fetchall())
        assert len(kept) > 60 and kept[plain.id] == ""
        assert json.loads(kept[newer.id]) == newer.payload
        assert [event_id for event_id, text in kept.items() if text] == [newer.id]
        assert awards_of(room, class_id) == awards_of(board, class_id)
    assert len(downloads) == 1  # the laptop downloaded whole, the other went by pages


def _last_update_hlc(room: Classroom) -> str:
    with closing(sqlite3.connect(room.ctx.db_path)) as conn:
        return str(conn.execute("SELECT hlc FROM outbox WHERE kind = 'student_updated' "
                                "ORDER BY seq DESC LIMIT 1").fetchone()[0])


def _student_row(room: Classroom, student_id: str) -> tuple[Any, ...]:
    with closing(sqlite3.connect(room.ctx.db_path)) as conn:
        return tuple(conn.execute("SELECT first_name, last_name, archived, hlc, field_hlcs "
                                  "FROM students WHERE id = ?", (student_id,)).fetchone())


def test_a_download_keeps_each_fields_clock(school: School, downloads: list[int]) -> None:
    """A rename made offline before the child was archived elsewhere reaches a device only
    after its download: the download's row is newer, but not its names, so the rename
    applies there as it did on the server."""
    from dojo_server.db.read_models import StudentView

    board = school.device("whiteboard")
    class_id = build_history(board)
    laptop = school.device("laptop")
    sync_with_pages(laptop)
    child = board.roster.students(class_id)[5].id
    laptop.roster.rename_student(child, "Benji", "Li")  # not pushed yet
    time.sleep(0.01)  # the archive's HLC after the rename's
    board.roster.archive_student(child)
    assert _last_update_hlc(laptop) < _last_update_hlc(board)
    sync_with_pages(board)

    downloads.clear()
    newcomer = school.device("new-laptop")
    sync_with_pages(newcomer)
    assert len(downloads) == 1
    assert _student_row(newcomer, child) == _student_row(board, child)
    assert _student_row(newcomer, child)[4] != "{}"  # the archive's clock, the names' older

    sync_with_pages(laptop)  # the rename, older than the archive, reaches the server
    for room in (newcomer, board, laptop):
        sync_with_pages(room)
    expected = _student_row(board, child)
    assert expected[:3] == ("Benji", "Li", 1)
    assert _student_row(newcomer, child) == _student_row(laptop, child) == expected
    with school.server.db.read() as session:
        row = session.get(StudentView, (school.school_id, child))
        assert row is not None
        assert (row.first_name, row.last_name, row.archived) == ("Benji", "Li", True)
    assert len(downloads) == 1

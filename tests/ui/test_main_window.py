"""The whole window on a real database: tap, pick, hear, see, undo, privacy, import."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from dojo_desktop.app import open_main_window
from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.ui.main_window import MainWindow
from dojo_desktop.ui.student_tile import StudentTile


def tile_named(win: MainWindow, prefix: str) -> StudentTile:
    """Find a tile the way a screen reader would: by its accessible name."""
    matches = [t for t in win.grid.tiles() if t.accessibleName().startswith(prefix)]
    assert len(matches) == 1, [t.accessibleName() for t in win.grid.tiles()]
    return matches[0]


def points_in_name(tile: StudentTile) -> int:
    name = tile.accessibleName()
    return int(name.rsplit(", ", 1)[1].split()[0])


def award_by_tapping(qtbot: QtBot, win: MainWindow, target: QWidget, skill_name: str) -> None:
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.picker is not None)
    picker = win.picker
    assert picker is not None
    button = next(b for b in picker.buttons() if b.accessibleName().startswith(skill_name))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.picker is None)


def stored_awards(classroom: Classroom) -> list[tuple[str, int, bool]]:
    conn = sqlite3.connect(classroom.ctx.db_path)
    try:
        return conn.execute(
            "SELECT a.student_id, a.points, u.award_id IS NOT NULL FROM awards a "
            "LEFT JOIN award_undos u ON u.award_id = a.id ORDER BY a.rowid").fetchall()
    finally:
        conn.close()


def test_demo_class_shows_28_tiles_named_with_points(window: MainWindow) -> None:
    tiles = window.grid.tiles()
    assert len(tiles) == 28
    for tile in tiles:
        name, points = tile.accessibleName().rsplit(", ", 1)
        assert name and points.endswith(("point", "points"))
        assert tile.isVisible()


def test_the_skill_picker_waits_for_the_first_frame_unless_a_tap_comes_first(
        qtbot: QtBot, window: MainWindow) -> None:
    from dojo_desktop.ui.skill_picker import SkillPicker

    assert window.findChildren(SkillPicker) == []  # not on the first frame
    window.build_after_first_frame()
    window.build_after_first_frame()  # once only
    made = window.findChildren(SkillPicker)
    assert len(made) == 1 and not made[0].isVisible()
    qtbot.mouseClick(window.grid.tiles()[0], Qt.MouseButton.LeftButton)
    assert window.picker is made[0]

    other = MainWindow(window.classroom)  # a tap before the first frame: made at once
    qtbot.addWidget(other)
    other.show()
    qtbot.mouseClick(other.grid.tiles()[0], Qt.MouseButton.LeftButton)
    assert other.picker is not None
    assert other.picker.buttons()


def test_tap_pick_skill_commits_and_updates_the_tile(qtbot: QtBot, window: MainWindow) -> None:
    tile = window.grid.tiles()[0]
    name = tile.card().student.display_name
    before = points_in_name(tile)
    count_before = len(stored_awards(window.classroom))

    award_by_tapping(qtbot, window, tile, "Persistence")  # worth 2 points

    assert points_in_name(tile_named(window, name)) == before + 2
    rows = stored_awards(window.classroom)
    assert len(rows) == count_before + 1
    assert rows[-1] == (tile.student_id, 2, False)
    assert tile.is_animating()
    assert window.toast.isVisible()
    assert name in window.toast.text()


def test_keyboard_only_award(qtbot: QtBot, window: MainWindow) -> None:
    tile = window.grid.tiles()[3]
    before = points_in_name(tile)
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Right)
    focused = window.grid.tiles()[4]
    assert focused.hasFocus()
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.picker is not None)
    assert window.picker is not None
    qtbot.keyClick(window.picker, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: window.picker is None)
    assert points_in_name(focused) == points_in_name(focused)  # name refreshed
    assert points_in_name(tile) == before
    assert stored_awards(window.classroom)[-1][0] == focused.student_id


def test_undo_from_toast_cancels_the_award(qtbot: QtBot, window: MainWindow) -> None:
    tile = window.grid.tiles()[1]
    before = points_in_name(tile)
    award_by_tapping(qtbot, window, tile, "Helping others")
    assert points_in_name(tile) == before + 1
    assert 9000 < window.toast.remaining_ms() <= 10000

    qtbot.mouseClick(window.toast.undo_button(), Qt.MouseButton.LeftButton)

    assert points_in_name(tile) == before
    assert not window.toast.isVisible()
    assert stored_awards(window.classroom)[-1] == (tile.student_id, 1, True)


def test_whole_class_is_one_batch_and_undo_undoes_all(qtbot: QtBot, window: MainWindow) -> None:
    before = {t.student_id: points_in_name(t) for t in window.grid.tiles()}
    award_by_tapping(qtbot, window, window.bar.whole_class, "Teamwork")
    after = {t.student_id: points_in_name(t) for t in window.grid.tiles()}
    assert all(after[sid] == before[sid] + 1 for sid in before)
    conn = sqlite3.connect(window.classroom.ctx.db_path)
    batches = conn.execute("SELECT batch_id, COUNT(*) FROM awards GROUP BY batch_id "
                           "ORDER BY MAX(rowid) DESC LIMIT 1").fetchone()
    conn.close()
    assert batches[1] == 28

    qtbot.mouseClick(window.toast.undo_button(), Qt.MouseButton.LeftButton)
    assert {t.student_id: points_in_name(t) for t in window.grid.tiles()} == before


def test_needs_work_for_the_whole_class_is_asked_again(qtbot: QtBot, window: MainWindow) -> None:
    before = {t.student_id: points_in_name(t) for t in window.grid.tiles()}
    awards = len(stored_awards(window.classroom))
    skill = next(s for s in window.classroom.skills.list(window.class_id) if s.points < 0)
    award_by_tapping(qtbot, window, window.bar.whole_class, skill.name)
    box = window.confirmation
    assert box is not None and box.isVisible()
    assert "all 28 children" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # the default is not to
    qtbot.waitUntil(lambda: not box.isVisible())
    assert len(stored_awards(window.classroom)) == awards

    award_by_tapping(qtbot, window, window.bar.whole_class, skill.name)
    box = window.confirmation
    assert box is not None
    give = next(b for b in box.buttons() if b.accessibleName() == "Give it to all 28")
    qtbot.mouseClick(give, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(stored_awards(window.classroom)) == awards + 28)
    after = {t.student_id: points_in_name(t) for t in window.grid.tiles()}
    assert all(after[sid] == before[sid] + skill.points for sid in before)


def test_multi_select_awards_only_the_chosen(qtbot: QtBot, window: MainWindow) -> None:
    tiles = window.grid.tiles()
    before = {t.student_id: points_in_name(t) for t in tiles}
    qtbot.mouseClick(window.bar.select_several, Qt.MouseButton.LeftButton)
    for tile in (tiles[2], tiles[5], tiles[9]):
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert window.picker is None  # selecting does not award
    assert "3" in window.bar.award_selected.text()
    award_by_tapping(qtbot, window, window.bar.award_selected, "Working hard")
    chosen = {tiles[2].student_id, tiles[5].student_id, tiles[9].student_id}
    for tile in tiles:
        expected = before[tile.student_id] + (1 if tile.student_id in chosen else 0)
        assert points_in_name(tile) == expected
    assert not window.bar.select_several.isChecked()


def test_privacy_hides_totals_and_needs_work(qtbot: QtBot, window: MainWindow,
                                              data_dir: Path) -> None:
    qtbot.mouseClick(window.bar.privacy, Qt.MouseButton.LeftButton)
    tile = window.grid.tiles()[0]
    assert tile.accessibleName() == tile.card().student.display_name
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.picker is not None)
    assert window.picker is not None
    names = [b.accessibleName() for b in window.picker.buttons()]
    assert not any(n.startswith(("Off task", "Disrespect", "No homework")) for n in names)
    window.picker.reject()
    # The class total may still show.
    assert window.bar.class_total.text().startswith("Class total")

    # Remembered on this device.
    window.close()
    window.classroom.close()
    reopened = open_main_window(open_classroom(data_dir), demo=True)
    qtbot.addWidget(reopened)
    assert reopened.bar.privacy.isChecked()
    assert all(", " not in t.accessibleName() for t in reopened.grid.tiles())
    reopened.classroom.close()


def test_history_lists_awards_and_can_undo_one(qtbot: QtBot, window: MainWindow) -> None:
    tile = window.grid.tiles()[6]
    before = points_in_name(tile)
    award_by_tapping(qtbot, window, tile, "Participating")
    window.toast.dismiss()
    window.show_history(tile.student_id)
    dialog = window.screens.history
    assert "Participating" in dialog.list.item(0).text()
    dialog.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert "(undone)" in dialog.list.item(0).text()
    assert points_in_name(tile) == before
    dialog.close()


def test_period_change_recounts_without_touching_history(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    rows_before = stored_awards(window.classroom)
    from dojo_protocol.periods import PeriodKind

    window.set_period(PeriodKind.DAILY)
    window.set_period(PeriodKind.NEVER)
    window.set_period(PeriodKind.WEEKLY)
    assert stored_awards(window.classroom) == rows_before


def test_storage_failure_is_reported_and_nothing_changes(qtbot: QtBot, window: MainWindow,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from dojo_desktop.services.errors import StorageError

    shown: list[str] = []
    monkeypatch.setattr(window, "show_error", shown.append)

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise StorageError("The disk is full, so this was not saved.")

    monkeypatch.setattr(window.classroom.ctx, "record", full_disk)
    tile = window.grid.tiles()[0]
    before = points_in_name(tile)
    award_by_tapping(qtbot, window, tile, "Teamwork")
    assert shown and "disk is full" in shown[0]
    assert points_in_name(tile) == before
    assert not window.toast.isVisible()


def test_keyboard_focus_starts_on_the_first_tile(qtbot: QtBot, window: MainWindow) -> None:
    """Arrows and Enter work at once, without tabbing past the class bar."""
    first = window.grid.tiles()[0]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    qtbot.keyClick(first, Qt.Key.Key_Right)
    assert window.grid.focused_id() == window.grid.tiles()[1].student_id

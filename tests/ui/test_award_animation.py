"""The award animator: one clock for every rising '+N', each tile from its own start."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from dojo_desktop.services.views import StudentCard
from dojo_desktop.ui.award_animation import (
    AWARD_ANIMATION_MS,
    FADE_START,
    RISE_END,
    AwardAnimator,
    award_animator,
    award_look,
    ease_out_cubic,
)
from dojo_desktop.ui.student_tile import StudentTile


class Recorder:
    def __init__(self) -> None:
        self.progress: list[float] = []

    def set_award_progress(self, progress: float) -> None:
        self.progress.append(progress)


def test_easing_starts_at_zero_ends_at_one_and_rises() -> None:
    values = [ease_out_cubic(i / 10) for i in range(11)]
    assert values[0] == 0.0
    assert values[-1] == pytest.approx(1.0)
    assert values == sorted(values)


def test_many_items_share_one_timer_and_each_ends_at_one(qtbot: QtBot) -> None:
    animator = AwardAnimator()
    items = [Recorder() for _ in range(28)]
    for item in items:
        animator.start(item)
    assert len(animator.findChildren(QTimer)) == 1
    assert all(animator.is_running(item) for item in items)
    qtbot.waitUntil(lambda: not any(animator.is_running(i) for i in items),
                    timeout=AWARD_ANIMATION_MS * 5)
    for item in items:
        assert item.progress[0] == 0.0
        assert item.progress[-1] == 1.0
        assert item.progress == sorted(item.progress)


def test_stop_ends_one_item_only() -> None:
    animator = AwardAnimator()
    first, second = Recorder(), Recorder()
    animator.start(first)
    animator.start(second)
    animator.stop(first)
    assert first.progress[-1] == 1.0
    assert not animator.is_running(first)
    assert animator.is_running(second)


def test_a_tile_deleted_while_rising_is_dropped(qtbot: QtBot, card_factory: object) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    assert callable(card_factory)
    card = card_factory(0, 3)
    assert isinstance(card, StudentCard)
    tile = StudentTile(card, host)
    tile.show_award_animation(1)
    assert award_animator().is_running(tile)
    tile.deleteLater()
    qtbot.waitUntil(lambda: not award_animator().is_running(tile),
                    timeout=AWARD_ANIMATION_MS * 5)


def test_the_plus_n_rises_then_stays_still_without_repainting_then_fades(
        qtbot: QtBot) -> None:
    animator = AwardAnimator()
    item = Recorder()
    animator.start(item)
    qtbot.waitUntil(lambda: not animator.is_running(item), timeout=AWARD_ANIMATION_MS * 5)
    looks = [award_look(p) for p in item.progress]
    still = [look for look in looks if look == (1.0, 1.0)]
    assert len(still) == 1  # painted once as it comes to rest, then left alone
    assert AWARD_ANIMATION_MS >= 1500
    held = (FADE_START - RISE_END) * AWARD_ANIMATION_MS
    assert held >= 1000  # long enough to find your own tile and read it
    assert [opacity for _rise, opacity in looks] == sorted(
        (opacity for _rise, opacity in looks), reverse=True)


def test_the_plus_n_is_as_big_as_the_scale_asks_on_a_board(qtbot: QtBot,
                                                          card_factory: object) -> None:
    from PySide6.QtGui import QImage, QPainter

    from dojo_desktop.core.board_scale import board_screen
    from dojo_desktop.ui.scale import app_scale, stand_in_screen
    from dojo_desktop.ui.tile_painting import _rising_label, paint_rising_points

    stand_in_screen(board_screen())
    try:
        host = QWidget()
        qtbot.addWidget(host)
        assert callable(card_factory)
        tile = StudentTile(card_factory(0, 3), host)
        tile.resize(540, 480)
        tile.show_award_animation(2)
        wanted = app_scale(tile).award_px
        assert award_animator().text_px == wanted
        image = QImage(540, 480, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        before = _rising_label.cache_info().currsize
        paint_rising_points(painter, tile.rect().adjusted(100, 20, -100, -200), 2, 0.5,
                            tile.font())
        painter.end()
        assert _rising_label.cache_info().currsize <= before + 1
        label = _rising_label("+2", wanted, True, tile.font().family(), 1.0)
        assert label.height() >= wanted  # capitals of about 48 mm on a 75-inch board
        award_animator().stop(tile)
    finally:
        stand_in_screen(None)

"""The award animator: one clock for every rising '+N', each tile from its own start."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from dojo_desktop.services.views import StudentCard
from dojo_desktop.ui.award_animation import (
    AWARD_ANIMATION_MS,
    AwardAnimator,
    award_animator,
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

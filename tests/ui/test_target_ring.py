"""The ring of a child's own target around the avatar: drawn with a target, filling toward it,
gold once reached; never drawn without a target or in privacy mode."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from dojo_desktop.services.views import StudentCard
from dojo_desktop.ui.student_tile import CELEBRATION_MS, StudentTile
from dojo_desktop.ui.tile_painting import RING_STEPS, ring_step

FILL, GOLD = QColor("#0284C7"), QColor("#F59E0B")


class PaintCounter(QObject):
    def __init__(self, widget: StudentTile) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.count += event.type() == QEvent.Type.Paint
        return False


def _tile(qtbot: QtBot, card: StudentCard) -> StudentTile:
    tile = StudentTile(card)
    qtbot.addWidget(tile)
    tile.resize(200, 250)
    tile.show()
    qtbot.waitExposed(tile)
    return tile


def _ring_top(tile: StudentTile) -> QColor:
    """The colour at 12 o'clock on the ring, where its fill starts."""
    image: QImage = tile.grab().toImage()
    avatar = tile._geometry().avatar
    width = max(3.0, avatar.width() * 0.07)
    dpr = image.devicePixelRatio()
    return image.pixelColor(round(avatar.center().x() * dpr),
                            round((avatar.top() + width / 2) * dpr))


def _near(colour: QColor, wanted: QColor) -> bool:
    return all(abs(a - b) <= 24 for a, b in zip(colour.getRgb()[:3], wanted.getRgb()[:3],
                                                   strict=True))


def test_the_ring_is_drawn_with_a_target_and_turns_gold_when_reached(
        qtbot: QtBot, card_factory: type[StudentCard]) -> None:
    tile = _tile(qtbot, card_factory(0, 3))
    assert tile.target_ring() is None
    assert not _near(_ring_top(tile), FILL) and not _near(_ring_top(tile), GOLD)
    tile.set_target_progress(0.4)
    assert tile.target_ring() == (ring_step(0.4), False)
    assert _near(_ring_top(tile), FILL)
    tile.set_target_progress(1.0, reached=True)
    assert tile.target_ring() == (RING_STEPS, True)
    assert _near(_ring_top(tile), GOLD)
    assert tile.accessibleName().endswith("today's target reached")
    tile.set_target_progress(None)  # the target cleared
    assert not _near(_ring_top(tile), FILL) and not _near(_ring_top(tile), GOLD)


def test_privacy_mode_hides_the_ring(qtbot: QtBot, card_factory: type[StudentCard]) -> None:
    tile = _tile(qtbot, card_factory(1, 3))
    tile.set_target_progress(1.0, reached=True)
    tile.set_privacy(True)
    assert not _near(_ring_top(tile), GOLD)
    assert "target" not in tile.accessibleName()
    tile.set_privacy(False)
    assert _near(_ring_top(tile), GOLD)


def test_the_ring_repaints_this_tile_only_when_it_looks_different(
        qtbot: QtBot, card_factory: type[StudentCard]) -> None:
    tile = _tile(qtbot, card_factory(2, 0))
    tile.set_target_progress(0.5)
    qtbot.wait(50)
    paints = PaintCounter(tile)
    tile.set_target_progress(0.501)  # the same step of the ring
    qtbot.wait(50)
    assert paints.count == 0
    tile.set_target_progress(0.75)
    qtbot.waitUntil(lambda: paints.count == 1)


def test_a_start_shows_and_only_a_whole_target_fills_the_ring() -> None:
    assert ring_step(0.0) == 0 and ring_step(-0.5) == 0
    assert ring_step(0.001) == 1
    assert ring_step(0.999) == RING_STEPS - 1
    assert ring_step(1.0) == RING_STEPS


def test_the_celebration_plays_for_a_moment(qtbot: QtBot,
                                            card_factory: type[StudentCard]) -> None:
    tile = _tile(qtbot, card_factory(3, 5))
    tile.celebrate()
    assert tile.is_celebrating()
    qtbot.waitUntil(lambda: not tile.is_celebrating(), timeout=CELEBRATION_MS + 2000)

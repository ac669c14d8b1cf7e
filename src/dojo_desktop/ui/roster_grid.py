"""The big-screen grid of student tiles: sized to fill the window, driven by touch or keys."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from dojo_desktop.services.views import StudentCard
from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.student_tile import StudentTile

PORTRAIT = 1.25  # height / width of a tile when there is room to choose
# Tiles stretch to fill the window, but stay within these shapes (height / width).
MIN_SHAPE = 0.85
MAX_SHAPE = 1.45


@dataclass(frozen=True)
class GridLayout:
    """Where tiles go: columns, tile size, gap and the size of the whole grid."""

    columns: int
    tile_width: int
    tile_height: int
    gap: int
    width: int
    height: int

    def tile_rect(self, index: int) -> QRect:
        row, column = divmod(index, self.columns)
        used = self.columns * self.tile_width + (self.columns - 1) * self.gap
        left = (self.width - used) // 2
        return QRect(
            left + column * (self.tile_width + self.gap),
            self.gap + row * (self.tile_height + self.gap),
            self.tile_width,
            self.tile_height,
        )


def plan_grid(count: int, width: int, height: int, minimum: int) -> GridLayout:
    """The columns that give the largest tiles showing all ``count`` in ``width`` x ``height``.

    When even the best fit would make tiles smaller than ``minimum`` pixels (the 15 mm touch
    target), tiles keep that size and the grid grows taller than ``height`` (it scrolls).
    """
    count = max(1, count)
    best: GridLayout | None = None
    for columns in range(1, count + 1):
        rows = math.ceil(count / columns)
        gap = _gap_for(min(width / columns, height / rows))
        cell_width = (width - (columns + 1) * gap) / columns
        cell_height = (height - (rows + 1) * gap) / rows
        tile_width = min(cell_width, cell_height / MIN_SHAPE)
        tile_height = min(cell_height, tile_width * MAX_SHAPE)
        if min(tile_width, tile_height) < minimum:
            continue
        area = tile_width * tile_height
        if best is None or area > best.tile_width * best.tile_height:
            best = GridLayout(columns, int(tile_width), int(tile_height), gap, width, height)
    if best is not None:
        return best
    # Too many students for one screen: the widest row of minimum-size tiles, then scroll.
    gap = _gap_for(minimum)
    columns = max(1, min(count, (width - gap) // (minimum + gap)))
    tile_width = max(minimum, (width - (columns + 1) * gap) // columns)
    tile_height = max(minimum, round(tile_width * PORTRAIT))
    rows = math.ceil(count / columns)
    total_height = rows * tile_height + (rows + 1) * gap
    return GridLayout(columns, tile_width, tile_height, gap, width, total_height)


def _gap_for(cell: float) -> int:
    return max(6, min(28, round(cell * 0.06)))


class _Canvas(QWidget):
    """The scrolled surface the tiles sit on; says so when the class has no students."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = ""
        # The tiles paint this same colour around their rounded corners.
        self.setAutoFillBackground(True)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.empty_text:
            return
        painter = QPainter(self)
        font = QFont(self.font())
        font.setPixelSize(max(18, self.height() // 20))
        painter.setFont(font)
        painter.setPen(QColor("#4B5563"))
        painter.drawText(
            self.rect(),
            int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap),
            self.empty_text,
        )
        painter.end()


class RosterGrid(QScrollArea):
    """All the students of a class as tiles; tap one to award, or select several."""

    student_activated = Signal(str)
    selection_changed = Signal(int)
    history_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Students"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setWidgetResizable(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._canvas = _Canvas()
        self._canvas.setAccessibleName(self.tr("Students"))
        self.setWidget(self._canvas)
        self._tiles: list[StudentTile] = []
        self._by_id: dict[str, StudentTile] = {}
        self._privacy = False
        self._multi_select = False
        self._layout: GridLayout | None = None
        self._canvas.empty_text = self.tr("No students in this class yet.")

    # --- contents ----------------------------------------------------------------------

    def set_cards(self, cards: Iterable[StudentCard]) -> None:
        """Show these students in this order, keeping the tiles of students already shown."""
        cards = list(cards)
        old = self._by_id
        self._tiles = []
        self._by_id = {}
        for card in cards:
            tile = old.pop(card.id, None)
            if tile is None:
                tile = StudentTile(card, self._canvas)
                tile.activated.connect(self._on_tile_activated)
                tile.history_requested.connect(self.history_requested)
                tile.key_handler = lambda event, t=tile: self._on_tile_key(t, event)
                tile.set_privacy(self._privacy)
                tile.show()
            else:
                tile.set_card(card)
            self._tiles.append(tile)
            self._by_id[card.id] = tile
        had_selection = any(tile.is_selected() for tile in old.values())
        for gone in old.values():
            gone.key_handler = None
            gone.hide()
            gone.deleteLater()
        # Reused tiles keep their old place in the tab chain; Tab must follow the grid.
        for before, after in zip(self._tiles, self._tiles[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self._canvas.empty_text = "" if cards else self.tr("No students in this class yet.")
        self._relayout()
        self._canvas.update()
        if had_selection:
            self.selection_changed.emit(len(self.selected_ids()))

    def update_points(self, points: Mapping[str, int]) -> None:
        """New totals for some students; only their tiles repaint."""
        for student_id, total in points.items():
            tile = self._by_id.get(student_id)
            if tile is not None:
                tile.set_points(total)

    def add_points(self, student_ids: Iterable[str], delta: int) -> None:
        """Add ``delta`` to these students' totals: an award just made, shown without a query."""
        for student_id in dict.fromkeys(student_ids):
            tile = self._by_id.get(student_id)
            if tile is not None:
                tile.set_points(tile.points() + delta)

    def show_award(self, student_ids: Iterable[str], points: int) -> None:
        """Play the rising '+N' on each of these students' tiles."""
        for student_id in student_ids:
            tile = self._by_id.get(student_id)
            if tile is not None:
                tile.show_award_animation(points)

    def tile(self, student_id: str) -> StudentTile:
        return self._by_id[student_id]

    def tiles(self) -> list[StudentTile]:
        return list(self._tiles)

    def student_ids(self) -> list[str]:
        """Every student shown, in grid order."""
        return [tile.student_id for tile in self._tiles]

    def focus_first(self) -> None:
        """Put keyboard focus on the first tile, where a teacher starts (arrows move on,
        Enter awards)."""
        if self._tiles:
            self._tiles[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def focused_id(self) -> str | None:
        """The student whose tile has keyboard focus, if any."""
        focused = next((tile for tile in self._tiles if tile.hasFocus()), None)
        return focused.student_id if focused is not None else None

    def grid_layout(self) -> GridLayout | None:
        """The layout last applied (columns, tile size), for the window and for tests."""
        return self._layout

    # --- modes -------------------------------------------------------------------------

    def set_privacy(self, privacy: bool) -> None:
        self._privacy = privacy
        for tile in self._tiles:
            tile.set_privacy(privacy)

    def is_privacy(self) -> bool:
        return self._privacy

    def set_multi_select(self, enabled: bool) -> None:
        """In multi-select a tap toggles a tile; leaving the mode clears the selection."""
        self._multi_select = enabled
        if not enabled:
            self.clear_selection()

    def selected_ids(self) -> list[str]:
        """The selected students, in grid order."""
        return [tile.student_id for tile in self._tiles if tile.is_selected()]

    def clear_selection(self) -> None:
        changed = False
        for tile in self._tiles:
            changed = changed or tile.is_selected()
            tile.set_selected(False)
        if changed:
            self.selection_changed.emit(0)

    def _on_tile_activated(self, student_id: str) -> None:
        if not self._multi_select:
            self.student_activated.emit(student_id)
            return
        tile = self._by_id[student_id]
        tile.set_selected(not tile.is_selected())
        self.selection_changed.emit(len(self.selected_ids()))

    # --- layout ------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def follow_scale(self) -> None:
        """The tiles laid out again for the app's new scale (a new reading distance)."""
        self._relayout()

    def _relayout(self) -> None:
        available = self.maximumViewportSize()
        minimum = touch_target_px(self)
        layout = plan_grid(len(self._tiles), available.width(), available.height(), minimum)
        if layout.height > available.height():
            # The scroll bar will take some width: plan again without it so no tile is cut.
            narrower = available.width() - self.verticalScrollBar().sizeHint().width()
            layout = plan_grid(len(self._tiles), narrower, available.height(), minimum)
        self._layout = layout
        self._canvas.resize(layout.width, max(layout.height, available.height()))
        canvas = QRect(0, 0, layout.width, layout.height)
        right_to_left = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for index, tile in enumerate(self._tiles):
            # Right to left, the first child is at the top right, as a page is read.
            tile.setGeometry(_visual_rect(right_to_left, canvas, layout.tile_rect(index)))

    # --- keyboard ----------------------------------------------------------------------

    def _on_tile_key(self, tile: StudentTile, event: QKeyEvent) -> bool:
        return self._move_focus(tile, Qt.Key(event.key()))

    def _move_focus(self, tile: StudentTile, key: Qt.Key) -> bool:
        if tile not in self._tiles or self._layout is None:
            return False
        index = self._tiles.index(tile)
        last = len(self._tiles) - 1
        columns = self._layout.columns
        back, forward = (Qt.Key.Key_Right, Qt.Key.Key_Left) if self.isRightToLeft() \
            else (Qt.Key.Key_Left, Qt.Key.Key_Right)
        targets = {
            back: index - 1,
            forward: index + 1,
            Qt.Key.Key_Up: index - columns,
            Qt.Key.Key_Down: index + columns,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: last,
        }
        if key not in targets:
            return False
        target = targets[key]
        if key == Qt.Key.Key_Down and target > last and index // columns < last // columns:
            # From a full row onto a shorter last row: land on its last tile.
            target = last
        if 0 <= target <= last:
            new_tile = self._tiles[target]
            new_tile.setFocus(Qt.FocusReason.TabFocusReason)
            self.ensureWidgetVisible(new_tile, 0, self._layout.gap)
        return True


def _visual_rect(right_to_left: bool, bounds: QRect, rect: QRect) -> QRect:
    """``rect`` mirrored within ``bounds`` right to left (``QStyle.visualRect``, without
    loading ``QStyle``'s many enums at start)."""
    if not right_to_left:
        return rect
    return rect.translated(bounds.left() + bounds.right() - rect.left() - rect.right(), 0)

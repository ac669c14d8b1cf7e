"""The toast after an award: what was given to whom, and an Undo button for ten seconds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from dojo_desktop.ui.resources import window_unit
from dojo_desktop.ui.scale import type_px
from dojo_desktop.ui.translations import keep_ltr

if TYPE_CHECKING:
    from dojo_desktop.services.roster import RosterService
    from dojo_desktop.ui.roster_grid import RosterGrid

UNDO_SECONDS = 10


def points_text(points: int) -> str:
    """'+2' or '−1' with a true minus sign, as it reads on the big screen."""
    return f"+{points}" if points >= 0 else f"\u2212{-points}"


def recipients_text(student_ids: list[str], grid: RosterGrid, roster: RosterService) -> str:
    """Whom an award went to, as the toast says it: a name, "3 students", "Whole class"."""
    if len(student_ids) == len(grid.student_ids()) and len(student_ids) > 1:
        return QCoreApplication.translate("MainWindow", "Whole class")
    if len(student_ids) > 1:
        return QCoreApplication.translate("MainWindow", "{count} students").format(
            count=len(student_ids))
    if student_ids[0] in grid.student_ids():  # the tile knows it: no query
        return grid.tile(student_ids[0]).card().student.display_name
    student = roster.student(student_ids[0])
    return student.display_name if student else ""


class UndoToast(QFrame):
    """A child overlay at the bottom centre of its parent that offers to undo one batch."""

    undo_requested = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("UndoToast")
        self.setAccessibleName(self.tr("Last award"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(
            "#UndoToast { background: #1F2937; border-radius: 14px; }"
            "#UndoToast QLabel { color: white; background: transparent; }"
            "#UndoToast QPushButton { background: #FBBF24; color: #111827; border: none;"
            " border-radius: 10px; padding: 4px 22px; font-weight: bold; }"
            "#UndoToast QPushButton:hover { background: #FCD34D; }"
            "#UndoToast QPushButton:pressed { background: #F59E0B; }"
            "#UndoToast QPushButton:focus { border: 4px solid white; }"
        )
        self._batch_id = ""
        self._gap = 0  # between the toast and its parent's bottom edge; set with the sizes
        self._label = QLabel(self)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._undo_button = QPushButton(self.tr("Undo"), self)
        self._undo_button.setAccessibleName(self.tr("Undo"))
        self._undo_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._undo_button.clicked.connect(self._on_undo)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # A coarse timer may run up to 5% long; the promise on screen is ten seconds.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(round(UNDO_SECONDS * 1000))
        self._timer.timeout.connect(self.hide)

        layout = QHBoxLayout(self)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._undo_button)
        parent.installEventFilter(self)
        self._apply_sizes()
        self.hide()

    def follow_scale(self) -> None:
        """Type and margins at the app's new scale (a new reading distance)."""
        self._apply_sizes()

    def _apply_sizes(self) -> None:
        # Read from across the room, pressed by a finger: grows with the window.
        target = window_unit(self.parentWidget())
        font = QFont(self.font())
        font.setPixelSize(type_px(self, 0.42))
        self._label.setFont(font)
        self._undo_button.setFont(font)
        self._undo_button.setMinimumHeight(target)
        margin = round(target * 0.15)
        self._gap = round(target * 0.12)
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(margin * 2, margin, margin, margin)
            layout.setSpacing(margin * 2)

    def show_award(self, batch_id: str, points: int, skill_name: str, who: str) -> None:
        """Show '+1 Helping others · Amira Khan' (replacing any toast) and restart the timer."""
        text = self.tr("{points} {skill} · {who}").format(
            points=keep_ltr(points_text(points)), skill=skill_name, who=who
        )
        self.show_message(batch_id, text)

    def show_message(self, batch_id: str, text: str) -> None:
        """Show ``text`` with an Undo button for ``batch_id`` for UNDO_SECONDS seconds."""
        self._batch_id = batch_id
        self._label.setText(text)
        self.setAccessibleDescription(text)
        self._reposition()
        self.show()
        self.raise_()
        self._timer.start()
        # Focus stays on the grid, so a screen reader would not notice the toast otherwise.
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, text))

    def text(self) -> str:
        return self._label.text()

    def batch_id(self) -> str:
        return self._batch_id

    def undo_button(self) -> QPushButton:
        return self._undo_button

    def remaining_ms(self) -> int:
        """Milliseconds until the toast hides itself; 0 when it is not showing."""
        return self._timer.remainingTime() if self._timer.isActive() else 0

    def dismiss(self) -> None:
        """Hide now, for example when the class changes and the batch no longer shows."""
        self._timer.stop()
        self.hide()

    def _on_undo(self) -> None:
        batch_id = self._batch_id
        self.dismiss()
        if batch_id:
            self.undo_requested.emit(batch_id)

    def _reposition(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        # Straight to its place: an award's toast is set up in the middle of a tap, where
        # adjustSize() would lay it out a second time.
        self.ensurePolished()  # the style sheet's paddings count in the size
        hint = self.sizeHint()
        width = min(hint.width(), round(parent.width() * 0.9))
        self.setGeometry((parent.width() - width) // 2,
                         parent.height() - hint.height() - self._gap, width, hint.height())

    def reserved_height(self) -> int:
        """The height of a strip that holds the toast with a gap above and below."""
        self._apply_sizes()
        return self.sizeHint().height() + 2 * self._gap

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._apply_sizes()
            self._reposition()
        return super().eventFilter(watched, event)


class ToastStrip(QWidget):
    """A strip under the grid kept free for the undo toast, so it never hides a tile's name.

    Always there, shown or not, so the tiles keep their size when a toast comes and goes.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.toast = UndoToast(self)

    def sizeHint(self) -> QSize:
        return QSize(0, self.toast.reserved_height())

    def follow_window(self) -> None:
        """Grow or shrink with the window, as the toast's type does."""
        self.setFixedHeight(self.toast.reserved_height())

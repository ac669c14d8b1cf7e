"""On a board, a dialog opens as a sheet over the whole window, in large type, headed by
the child's avatar and name when it is about one child; on a laptop, as a window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.views import StudentCard
from dojo_desktop.ui.focus_trap import focus_within
from dojo_desktop.ui.scale import app_scale, screen_size


class DialogSheet(QFrame):
    """A window-filling sheet holding one dialog; it goes when the dialog finishes, and
    gives focus back to where it was."""

    def __init__(self, dialog: QDialog, window: QWidget,
                 child: StudentCard | None = None) -> None:
        super().__init__(window)
        self.setObjectName("DialogSheet")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAutoFillBackground(True)
        self.setAccessibleName(dialog.windowTitle())
        self.dialog = dialog
        self._return_focus = QApplication.focusWidget()
        self._child = child
        layout = QVBoxLayout(self)
        # A screen that heads itself with its title is not headed twice.
        shown = {label.text() for label in dialog.findChildren(QLabel)}
        title = "" if dialog.windowTitle() in shown else dialog.windowTitle()
        layout.addLayout(self._heading(title, child))
        dialog.setParent(self, Qt.WindowType.Widget)
        dialog.setSizeGripEnabled(False)
        layout.addWidget(dialog, 1)
        dialog.finished.connect(self._close)
        window.installEventFilter(self)
        self.follow_scale()
        self._fit()

    def follow_scale(self) -> None:
        """Margins, heading and avatar at the app's scale (again, at a new distance)."""
        scale = app_scale(self.parentWidget())
        margin = scale.control_px // 3
        layout = self.layout()
        assert layout is not None
        layout.setContentsMargins(margin, margin // 2, margin, margin // 2)
        layout.setSpacing(margin // 2)
        self._heading_row.setSpacing(scale.control_px // 4)
        self._what_gap.changeSize(0 if self.what.isHidden() else scale.control_px // 3, 0)
        if self._child is not None:
            from dojo_desktop.ui.student_tile import card_avatar

            side = scale.control_px * 2
            self.avatar.setPixmap(card_avatar(self._child, side, self.devicePixelRatioF()))
            self.avatar.setFixedSize(side, side)
        font = QFont(self.title.font())
        font.setPixelSize(scale.heading_px)
        self.title.setFont(font)
        self.what.setStyleSheet(f"color: #475569; font-size: {scale.heading_px}px;")
        layout.invalidate()

    def _heading(self, title: str, child: StudentCard | None) -> QHBoxLayout:
        row = self._heading_row = QHBoxLayout()
        if child is not None:
            self.avatar = QLabel(self)
            self.avatar.setAccessibleName(self.tr("Avatar of {name}").format(
                name=child.student.display_name))
            row.addWidget(self.avatar)
        # "History: Farah Yilmaz" says whose already; "Daily target" gets the name first.
        name = child.student.display_name if child is not None else ""
        words = name if name and name not in title else title
        self.title = QLabel(words, self)
        self.title.setVisible(bool(words))
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setAccessibleName(words)
        self.title.setWordWrap(True)
        font = QFont(self.font())
        font.setBold(True)
        self.title.setFont(font)
        row.addWidget(self.title, 0 if words != title else 1)
        self.what = QLabel(title, self)  # what the sheet is, after whom it is about
        self.what.setAccessibleName(title)
        self.what.setVisible(bool(title) and words != title)
        self._what_gap = QSpacerItem(0, 0)
        row.addSpacerItem(self._what_gap)
        row.addWidget(self.what, 1)
        return row

    def _fit(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _close(self) -> None:
        self.hide()
        back = self._return_focus
        if back is not None and back.isVisible():
            back.setFocus(Qt.FocusReason.OtherFocusReason)
        self.deleteLater()

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab stays on the sheet, not on the grid hidden behind it.
        return focus_within(self, next)


def present(dialog: QDialog, window: QWidget, child: StudentCard | None = None) -> None:
    """Show ``dialog`` over ``window``: a sheet on a board, a window that fits elsewhere."""
    if app_scale(window).board and window.isWindow():
        # Where the screen put its focus, if it did (the PIN's entry, a question's safe
        # answer): asked before the sheet takes the dialog in, which forgets it.
        chosen = dialog.focusWidget()
        sheet = DialogSheet(dialog, window, child)
        sheet.show()
        sheet.raise_()
        dialog.show()
        chosen = chosen or dialog.focusWidget()
        if chosen is not None:
            chosen.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            dialog.setFocus(Qt.FocusReason.OtherFocusReason)
            dialog.focusNextChild()
        return
    fit_to_screen(dialog)
    dialog.open()


def fit_to_screen(dialog: QDialog) -> None:
    """No taller or wider than the screen's free area (a taskbar takes part of 768 px)."""
    free = screen_size(dialog.parentWidget() or dialog)
    # Its own size (most screens size themselves in touch targets), or what its content
    # needs if that is more.
    wanted = dialog.size().expandedTo(dialog.minimumSizeHint())
    dialog.resize(min(wanted.width(), free.width_px), min(wanted.height(), free.height_px))


def child_card(classroom: Classroom, student_id: str) -> StudentCard | None:
    """What a sheet about one child shows of them: their avatar and name."""
    student = classroom.roster.student(student_id)
    if student is None:
        return None
    return StudentCard(student, 0, classroom.roster.avatar_path(student))

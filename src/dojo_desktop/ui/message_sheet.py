"""The app's one message box: a question or a notice in large type with big buttons, shown
as a sheet over the whole window on a board and as a small window on a laptop (see
``dialog_sheet.present``). Every message and confirmation goes through ``tell``/``ask``."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpacerItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.ui.dialog_sheet import fit_to_screen, present
from dojo_desktop.ui.scale import app_scale

# A message's lines stay this many characters wide at most, on a board as on a laptop.
_LINE_CHARS = 46


class Kind(Enum):
    """What the message is: its sign beside the words."""

    QUESTION = QStyle.StandardPixmap.SP_MessageBoxQuestion
    NOTICE = QStyle.StandardPixmap.SP_MessageBoxInformation
    PROBLEM = QStyle.StandardPixmap.SP_MessageBoxWarning


class MessageSheet(QDialog):
    """Words and a row of buttons; a button either answers yes (accept) or no (reject).
    Enter presses the default button (the safe one), Escape answers no."""

    def __init__(self, parent: QWidget | None, title: str, text: str, kind: Kind) -> None:
        super().__init__(parent)
        self.setObjectName("MessageSheet")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setAccessibleDescription(text)
        self._kind = kind
        self.sign = QLabel(self)
        self.sign.setAccessibleName(title)
        self.words = QLabel(text, self)
        self.words.setObjectName("MessageWords")
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.words.setWordWrap(True)
        self.words.setAccessibleName(text)
        self._message = QHBoxLayout()
        self._message.addWidget(self.sign, 0, Qt.AlignmentFlag.AlignTop)
        self._message.addWidget(self.words, 1)
        self._row = QHBoxLayout()
        self._row.addStretch(1)
        # One column, centred: the words, and under their end the buttons.
        self._column = QWidget(self)
        column = QVBoxLayout(self._column)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self._message)
        self._gap = QSpacerItem(0, 0)
        column.addSpacerItem(self._gap)
        column.addLayout(self._row)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self._column, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self._buttons: list[QPushButton] = []
        self.chosen: QPushButton | None = None
        self.follow_scale()

    def follow_scale(self) -> None:
        """The sign, the words and the buttons at the app's scale (again, at a new
        reading distance)."""
        scale = app_scale(self.parentWidget() or self)
        side = scale.control_px
        icon = self.style().standardIcon(self._kind.value, None, self)
        self.sign.setPixmap(icon.pixmap(side, side))
        self.sign.setFixedSize(side, side)
        font = QFont(self.font())
        # Larger than body text: the one thing on the screen, read from the back.
        font.setPixelSize(round(scale.text_px * 1.25))
        self.words.setFont(font)
        self.words.setMaximumWidth(self.words.fontMetrics().averageCharWidth() * _LINE_CHARS)
        # As wide as its words need, up to a line's length: never squeezed in the column.
        natural = self.words.fontMetrics().horizontalAdvance(self.words.text()) + 2
        self.words.setMinimumWidth(min(self.words.maximumWidth(), natural))
        spacing = side // 3
        self._message.setSpacing(spacing)
        self._column.setMaximumWidth(side + spacing + self.words.maximumWidth())
        self._row.setSpacing(side // 4)
        self._gap.changeSize(0, spacing)
        layout = self.layout()
        assert layout is not None
        layout.setSpacing(spacing)
        for button in self._buttons:
            button.setMinimumHeight(side)
        layout.invalidate()

    def add_button(self, text: str, yes: bool, name: str | None = None) -> QPushButton:
        """A button that answers yes (``yes``) or no; ``name`` for a screen reader when
        the words alone do not say what it does."""
        button = QPushButton(text, self)
        button.setAccessibleName(name or text)
        button.setMinimumHeight(app_scale(self.parentWidget() or self).control_px)
        button.clicked.connect(lambda: self._answer(button, yes))
        self._row.addWidget(button)
        self._buttons.append(button)
        return button

    def set_default(self, button: QPushButton) -> None:
        """The button Enter presses and the focus starts on."""
        for other in self._buttons:
            other.setDefault(other is button)
        button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _answer(self, button: QPushButton, yes: bool) -> None:
        self.chosen = button
        self.accept() if yes else self.reject()

    def text(self) -> str:
        return self.words.text()

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def default_button(self) -> QPushButton | None:
        return next((b for b in self._buttons if b.isDefault()), None)

    def show_over(self, parent: QWidget | None) -> None:
        """A sheet over ``parent``'s window on a board, a window that fits elsewhere."""
        self.finished.connect(self.deleteLater)
        if parent is None:
            fit_to_screen(self)
            self.open()
            return
        if not app_scale(parent).board:
            self.resize(self.sizeHint())
        present(self, parent.window())


def tell(parent: QWidget | None, title: str, text: str,
         kind: Kind = Kind.PROBLEM) -> MessageSheet:
    """Show a notice with one OK button (not blocking); returns the open sheet."""
    sheet = MessageSheet(parent, title, text, kind)
    ok = sheet.add_button(QCoreApplication.translate("MessageSheet", "OK"), yes=True)
    sheet.set_default(ok)
    sheet.show_over(parent)
    return sheet


def ask(parent: QWidget, title: str, text: str, yes: tuple[str, str], no: str,
        on_yes: Callable[[], object] | None = None, yes_is_safe: bool = False,
        on_answer: Callable[[bool], object] | None = None) -> MessageSheet:
    """Ask ``text``: ``yes`` is the button that acts (its words and its name for a screen
    reader), ``no`` the one that does not (also Escape). The default (Enter) and the focus
    are on ``no`` unless ``yes_is_safe``. ``on_yes`` runs only on yes; ``on_answer`` runs
    on either answer. Returns the open sheet (not blocking)."""
    sheet = MessageSheet(parent, title, text, Kind.QUESTION)
    keep = sheet.add_button(no, yes=False)
    act = sheet.add_button(yes[0], yes=True, name=yes[1])
    sheet.set_default(act if yes_is_safe else keep)
    if on_yes is not None:
        sheet.accepted.connect(on_yes)
    if on_answer is not None:
        accepted = QDialog.DialogCode.Accepted.value
        sheet.finished.connect(lambda result: on_answer(result == accepted))
    sheet.show_over(parent)
    return sheet


def tell_before_the_window(title: str, text: str) -> None:
    """A notice when the app has no window yet (it cannot open its data): waits for OK."""
    sheet = MessageSheet(None, title, text, Kind.PROBLEM)
    sheet.set_default(sheet.add_button(QCoreApplication.translate("MessageSheet", "OK"),
                                       yes=True))
    fit_to_screen(sheet)
    sheet.exec()

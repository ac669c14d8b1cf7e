"""The avatar chooser (drawn avatars or a picture), and small form helpers the editors share."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QPainter, QPainterPath, QPalette, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.core.model import Student
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError, StorageError
from dojo_desktop.ui.avatars import AVATAR_COUNT, drawn_avatar_pixmap
from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.scale import type_px
from dojo_desktop.ui.translations import error_text

# (parent, title, name filter) -> the chosen file, or None when the user cancelled.
FileAsker = Callable[[QWidget, str, str], Path | None]

COLUMNS = 8
ERROR_COLOR = QColor("#B91C1C")
STATUS_COLOR = QColor("#15803D")
TOGGLE_STYLE = (
    "QToolButton { background: #FFFFFF; border: 2px solid #D1D5DB; border-radius: 10px; }"
    "QToolButton:hover { background: #EFF6FF; }"
    "QToolButton:checked { background: #DBEAFE; border: 4px solid #1D4ED8; }"
    "QToolButton:focus { border: 4px dashed #111827; }"
    "QToolButton:checked:focus { border: 4px dashed #1D4ED8; }"
)


def ask_open_file(parent: QWidget, title: str, name_filter: str) -> Path | None:
    """The system's open-file dialog; None when cancelled."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), name_filter)
    return Path(chosen) if chosen else None


def untinted_icon(pixmap: QPixmap) -> QIcon:
    """An icon that looks the same on a selected row (the style would darken it)."""
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


def single_tab_stop(group: QButtonGroup) -> None:
    """Tab enters a grid of toggles once, at the chosen one; arrow keys move inside it."""

    def sync() -> None:
        buttons = group.buttons()
        stop = group.checkedButton() or (buttons[0] if buttons else None)
        for button in buttons:
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if button is stop
                                  else Qt.FocusPolicy.ClickFocus)

    group.buttonToggled.connect(lambda _button, _checked: sync())
    sync()


def touch_button(parent: QWidget, text: str, target: int) -> QPushButton:
    """A finger-sized button named for screen readers, wide enough for its words.

    Not an auto-default: Enter in a text field saves or adds, and must not also press a
    button or close the dialog.
    """
    button = QPushButton(text, parent)
    button.setAccessibleName(text)
    button.setMinimumHeight(target)
    button.setMinimumWidth(max(round(target * 1.8),
                               button.fontMetrics().horizontalAdvance(text) + target))
    button.setAutoDefault(False)
    return button


def message_label(parent: QWidget, accessible_name: str) -> QLabel:
    """A bold, word-wrapped line for a problem or a confirmation; hidden while empty."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setAccessibleName(accessible_name)
    font = QFont(parent.font())
    font.setBold(True)
    # An explicit font and palette, not a style sheet: a style-sheet-polished label
    # inside a frame falls back to the application font.
    label.setFont(font)
    label.hide()
    return label


def show_message(label: QLabel, text: str, *, error: bool = True) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOR if error else STATUS_COLOR)
    label.setPalette(palette)
    label.setText(text)
    label.setVisible(bool(text))


def drawn_index(student: Student) -> int:
    """The drawn avatar a student shows (a stable pick from the id if it is not drawn)."""
    kind, _, value = student.avatar.partition(":")
    if kind == "drawn" and value.isdigit():
        return int(value) % AVATAR_COUNT
    return zlib.crc32(student.id.encode()) % AVATAR_COUNT


def student_avatar_pixmap(classroom: Classroom, student: Student, size: int,
                          device_pixel_ratio: float = 1.0) -> QPixmap:
    """The student's picture cut to a circle, or their drawn avatar."""
    path = classroom.roster.avatar_path(student)
    image = QImage(path) if path else QImage()
    if image.isNull():
        return drawn_avatar_pixmap(drawn_index(student), size, device_pixel_ratio)
    side = max(1, round(size * device_pixel_ratio))
    scaled = image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                          Qt.TransformationMode.SmoothTransformation)
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    clip = QPainterPath()
    clip.addEllipse(QRectF(0, 0, side, side))
    painter.setClipPath(clip)
    painter.drawImage((side - scaled.width()) // 2, (side - scaled.height()) // 2, scaled)
    painter.end()
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap


class AvatarChooser(QDialog):
    """Sets a student's avatar; ``chosen_avatar()`` says what was stored."""

    def __init__(self, classroom: Classroom, student: Student, parent: QWidget | None = None,
                 *, ask_file: FileAsker = ask_open_file) -> None:
        super().__init__(parent)
        self._classroom = classroom
        self._student = student
        self._ask_file = ask_file
        self._chosen: str | None = None
        target = touch_target_px(parent or self)
        font = QFont(self.font())
        font.setPixelSize(type_px(self, 0.3))
        self.setFont(font)
        title = self.tr("Choose an avatar for {name}").format(name=student.display_name)
        self.setWindowTitle(title)
        self.setAccessibleName(title)

        outer = QVBoxLayout(self)
        outer.setSpacing(target // 4)
        heading = QLabel(title, self)
        heading_font = QFont(font)
        heading_font.setPixelSize(type_px(self, 0.4))
        heading_font.setBold(True)
        heading.setFont(heading_font)
        outer.addWidget(heading)

        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        outer.addWidget(self._avatar_grid(round(target * 1.5)), 1)

        self._error = message_label(self, self.tr("Problem"))
        outer.addWidget(self._error)

        row = QHBoxLayout()
        picture = self._button(self.tr("Use a picture…"), target)
        picture.setAccessibleDescription(self.tr("Choose a photo or drawing from a file"))
        picture.clicked.connect(self._use_picture)
        row.addWidget(picture)
        row.addStretch(1)
        cancel = self._button(self.tr("Cancel"), target)
        cancel.clicked.connect(self.reject)
        row.addWidget(cancel)
        self._save = self._button(self.tr("Use this avatar"), target)
        self._save.setDefault(True)
        self._save.clicked.connect(self._use_drawn)
        row.addWidget(self._save)
        outer.addLayout(row)

        checked = self._group.checkedButton()
        (checked or self._group.buttons()[0]).setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen_avatar(self) -> str | None:
        """``drawn:N`` or ``image:<sha256>`` once stored; None if nothing was changed."""
        return self._chosen

    def avatar_buttons(self) -> list[QToolButton]:
        return [b for b in self._group.buttons() if isinstance(b, QToolButton)]

    def _avatar_grid(self, side: int) -> QScrollArea:
        body = QWidget(self)
        grid = QGridLayout(body)
        grid.setSpacing(side // 8)
        dpr = self.devicePixelRatioF()
        current = self._student.avatar
        for index in range(AVATAR_COUNT):
            button = QToolButton(body)
            button.setCheckable(True)
            button.setIcon(QIcon(drawn_avatar_pixmap(index, round(side * 0.85), dpr)))
            button.setIconSize(QSize(round(side * 0.85), round(side * 0.85)))
            button.setFixedSize(side, side)
            button.setStyleSheet(TOGGLE_STYLE)
            button.setAccessibleName(self.tr("Avatar {number}").format(number=index + 1))
            button.setChecked(current == f"drawn:{index}")
            self._group.addButton(button, index)
            grid.addWidget(button, index // COLUMNS, index % COLUMNS)
        single_tab_stop(self._group)
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Show up to five rows whole; a longer set scrolls, never sideways.
        hint = body.sizeHint()
        height = min(hint.height(), round(side * 5.6))
        bar = scroll.verticalScrollBar().sizeHint().width() if height < hint.height() else 0
        scroll.setMinimumSize(hint.width() + bar, height)
        return scroll

    def _button(self, text: str, target: int) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text)
        button.setMinimumHeight(target)
        button.setMinimumWidth(max(target * 2,
                                   button.fontMetrics().horizontalAdvance(text) + target))
        button.setAutoDefault(False)
        return button

    def _show_error(self, text: str) -> None:
        show_message(self._error, text)

    def _use_drawn(self) -> None:
        index = self._group.checkedId()
        if index < 0:
            self._show_error(self.tr("Tap an avatar first, or choose a picture."))
            return
        avatar = f"drawn:{index}"
        if avatar != self._student.avatar:
            try:
                self._classroom.roster.set_drawn_avatar(self._student.id, index)
            except (InvalidInputError, StorageError) as exc:
                self._show_error(error_text(exc))
                return
        self._chosen = avatar
        self.accept()

    def _use_picture(self) -> None:
        path = self._ask_file(self, self.tr("Choose a picture"),
                              self.tr("Pictures (*.png *.jpg *.jpeg *.gif *.webp *.bmp)"))
        if path is None:
            return
        try:
            self._classroom.roster.set_avatar_image(self._student.id, path)
        except (InvalidInputError, StorageError) as exc:
            self._show_error(error_text(exc))
            return
        stored = self._classroom.roster.student(self._student.id)
        self._chosen = stored.avatar if stored else None
        self.accept()

"""Sizes for the toolkit, read from the sheet's height so the board reads from the back of
the room at 1080p as at 4K, and never smaller than a finger."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.scale import app_scale


def sheet_unit(widget: QWidget) -> int:
    """A control's height: a twelfth of the sheet, never under the 15 mm touch target."""
    return max(touch_target_px(widget), round(widget.height() / 12))


def room_unit(widget: QWidget) -> int:
    """A twelfth of the sheet ``widget`` is on, not raised to the touch target: on a
    laptop's short window the digits shrink to fit rather than push the buttons off."""
    sheet: QWidget | None = widget
    while sheet is not None and sheet.objectName() != "LessonTools":
        sheet = sheet.parentWidget()
    return round((sheet or widget).height() / 12)


def pixel_font(widget: QWidget, pixels: float, *, bold: bool = True) -> QFont:
    font = QFont(widget.font())
    font.setPixelSize(max(app_scale(widget).small_px, round(pixels)))
    font.setBold(bold)
    return font


def big_label(parent: QWidget, name: str) -> QLabel:
    """A centred label read aloud by ``name``."""
    label = QLabel(parent)
    label.setAccessibleName(name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def big_button(parent: QWidget, text: str, name: str | None = None, *,
               primary: bool = False, checkable: bool = False) -> QPushButton:
    """A touch-sized button; ``primary`` is the green one a teacher looks for first."""
    button = QPushButton(text, parent)
    button.setAccessibleName(name or text)
    button.setCheckable(checkable)
    button.setAutoDefault(False)
    if primary:
        button.setObjectName("primary")
    return button


class _TextWidth(QObject):
    """Keeps each watched button at least as wide as its text as the sheet's style, its
    font or its words change (the style's min-width would let a layout cut them off)."""

    _EVENTS = frozenset({QEvent.Type.Show, QEvent.Type.StyleChange, QEvent.Type.FontChange,
                         QEvent.Type.Polish})

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._EVENTS and isinstance(watched, QPushButton):
            width = watched.sizeHint().width()
            if watched.minimumWidth() != width:
                watched.setMinimumWidth(width)
        return False


def keep_text_whole(*buttons: QPushButton) -> None:
    """Never narrower than their text, in any language, at any size."""
    for button in buttons:
        watcher = button.findChild(_TextWidth)
        if watcher is None:
            watcher = _TextWidth(button)
            button.installEventFilter(watcher)
        button.setMinimumWidth(button.sizeHint().width())


def sheet_style(unit: int) -> str:
    """The sheet's look at this size: big rounded buttons, a heavy focus ring."""
    font = round(unit * 0.4)
    radius = unit // 5
    return (
        f"#LessonTools {{ background: #F8FAFC; }}"
        f"#LessonTools QPushButton {{ background: white; color: #1E293B;"
        f" border: 2px solid #94A3B8; border-radius: {radius}px; padding: 0 {unit // 3}px;"
        f" font-weight: 600; font-size: {font}px; min-height: {unit}px;"
        f" min-width: {unit}px; }}"
        f"#LessonTools QPushButton:hover {{ border-color: #475569; }}"
        f"#LessonTools QPushButton:focus {{ border: {max(3, unit // 18)}px solid #2563EB; }}"
        f"#LessonTools QPushButton:checked {{ background: #DBEAFE; border-color: #2563EB; }}"
        f"#LessonTools QPushButton#primary {{ background: #15803D; color: white;"
        f" border-color: #166534; }}"
        f"#LessonTools QPushButton#primary:focus {{"
        f" border: {max(3, unit // 18)}px solid #1E293B; }}"
        f"#LessonTools QPushButton:disabled {{ color: #94A3B8; border-color: #E2E8F0; }}"
        f"#LessonTools QLabel {{ color: #0F172A; }}"
        f"#LessonTools QLineEdit, #LessonTools QSpinBox, #LessonTools QComboBox {{"
        f" font-size: {font}px; min-height: {unit}px; padding: 0 {unit // 5}px;"
        f" border: 2px solid #94A3B8; border-radius: {radius}px; background: white;"
        f" color: #0F172A; }}"
        f"#LessonTools QLineEdit:focus, #LessonTools QSpinBox:focus,"
        f" #LessonTools QComboBox:focus {{ border: {max(3, unit // 18)}px solid #2563EB; }}"
    )

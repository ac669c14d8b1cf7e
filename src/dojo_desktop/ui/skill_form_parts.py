"""Parts of the skill editor's form: the icon grid and the finger-sized points stepper.

Their words keep the editor's translation context, ``SkillEditorDialog``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QToolButton,
    QWidget,
)

from dojo_desktop.ui.avatar_chooser import TOGGLE_STYLE, single_tab_stop, touch_button
from dojo_desktop.ui.resources import skill_icon
from dojo_protocol.limits import MAX_POINTS

ICON_NAMES = ("heart", "star", "team", "hand", "mountain", "clock", "hand-stop", "book",
              "lightbulb", "smile", "trophy", "pencil", "music", "leaf", "rocket", "puzzle")
ICON_COLUMNS = 8


class IconGrid(QWidget):
    """The skill icons as one exclusive group of toggle buttons, one tab stop."""

    def __init__(self, target: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAccessibleName(QCoreApplication.translate("SkillEditorDialog", "Icon"))
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(target // 10)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        icon_side = round(target * 0.6)
        for index, name in enumerate(ICON_NAMES):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setIcon(QIcon(skill_icon(name, icon_side, self.devicePixelRatioF())))
            button.setIconSize(QSize(icon_side, icon_side))
            button.setFixedSize(target, target)
            button.setStyleSheet(TOGGLE_STYLE)
            button.setAccessibleName(QCoreApplication.translate(
                "SkillEditorDialog", "Icon: {name}").format(name=name.replace("-", " ")))
            self.group.addButton(button, index)
            self.buttons[name] = button
            grid.addWidget(button, index // ICON_COLUMNS, index % ICON_COLUMNS)
        single_tab_stop(self.group)
        self.setFixedHeight(self.sizeHint().height())

    def checked_name(self) -> str | None:
        """The chosen icon's name, if one is chosen."""
        checked = self.group.checkedId()
        return ICON_NAMES[checked] if checked >= 0 else None


class PointsStepper(QHBoxLayout):
    """A points box with a finger-sized button either side (the box's own arrows are
    too small to tap)."""

    def __init__(self, target: int, parent: QWidget) -> None:
        super().__init__()
        self.spin = QSpinBox(parent)
        self.spin.setAccessibleName(QCoreApplication.translate("SkillEditorDialog", "Points"))
        self.spin.setRange(1, MAX_POINTS)
        self.spin.setFixedSize(round(target * 1.4), target)
        self.spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.spin.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.setSpacing(target // 8)
        self.buttons: list[QPushButton] = []
        for text, name, step in (
                ("\u2212", QCoreApplication.translate("SkillEditorDialog", "One point less"), -1),
                ("+", QCoreApplication.translate("SkillEditorDialog", "One point more"), 1)):
            button = touch_button(parent, text, target)
            button.setAccessibleName(name)
            button.setFixedWidth(target)
            button.clicked.connect(lambda _=False, s=step: self.spin.stepBy(s))
            self.buttons.append(button)
            self.addWidget(button)
            if step < 0:
                self.addWidget(self.spin)
        self.addStretch(1)

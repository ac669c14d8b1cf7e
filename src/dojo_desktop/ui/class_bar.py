"""The bar above the grid: class, whole-class award, multi-select, the lesson tools,
privacy and sound."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QToolButton,
    QWidget,
)

from dojo_desktop.core.model import ClassGroup
from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.scale import app_scale


class ClassBar(QWidget):
    """Big, touch-sized controls for the lesson. Emits intents; the window acts on them."""

    class_chosen = Signal(str)
    whole_class_clicked = Signal()
    multi_select_toggled = Signal(bool)
    award_selected_clicked = Signal()
    tools_clicked = Signal()
    privacy_toggled = Signal(bool)
    sound_toggled = Signal(bool)
    volume_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        target = touch_target_px(parent or self)
        font = QFont(self.font())
        font.setPixelSize(max(app_scale(parent or self).text_px, round(target * 0.32)))
        self.setFont(font)
        self.setObjectName("ClassBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        radius = target // 5
        self.setStyleSheet(
            f"#ClassBar {{ background: #F8FAFC; border-bottom: 1px solid #E2E8F0; }}"
            f"#ClassBar QPushButton, #ClassBar QToolButton, #ClassBar QComboBox {{"
            f" background: white; color: #1E293B; border: 2px solid #CBD5E1;"
            f" border-radius: {radius}px; padding: 0 {target // 6}px; font-weight: 600;"
            f" font-size: {font.pixelSize()}px; }}"
            f"#ClassBar QPushButton:hover, #ClassBar QToolButton:hover {{"
            f" border-color: #64748B; }}"
            f"#ClassBar QPushButton:focus, #ClassBar QToolButton:focus,"
            f" #ClassBar QComboBox:focus {{ border: 3px solid #2563EB; }}"
            f"#ClassBar QPushButton:checked {{ background: #DBEAFE; border-color: #2563EB; }}"
            f"#ClassBar QPushButton#primary {{ background: #16A34A; color: white;"
            f" border-color: #15803D; }}"
            f"#ClassBar QPushButton#primary:focus {{ border: 3px solid #1E293B; }}"
            f"#ClassBar QPushButton:disabled {{ color: #94A3B8; border-color: #E2E8F0; }}"
            f"#ClassBar QLabel {{ color: #334155; font-weight: 600;"
            f" font-size: {font.pixelSize()}px; }}"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(target // 6, target // 6, target // 6, target // 6)
        layout.setSpacing(target // 6)

        self.class_combo = QComboBox(self)
        self.class_combo.setAccessibleName(self.tr("Class"))
        self.class_combo.setMinimumHeight(target)
        self.class_combo.setMinimumWidth(target * 3)
        self.class_combo.activated.connect(self._on_class_activated)

        self.class_total = QLabel(self)
        self._total_shape = ""  # the class total's text with its digits as 0s, last measured
        self.class_total.setAccessibleName(self.tr("Class total"))
        # On a narrow screen the total takes two lines, so every button still fits at 1280 px.
        self.class_total.setWordWrap(True)

        self.whole_class = self._button(self.tr("Whole class"), target)
        self.whole_class.setObjectName("primary")
        self.whole_class.clicked.connect(self.whole_class_clicked)
        self.select_several = self._button(self.tr("Select several"), target, checkable=True)
        self.select_several.toggled.connect(self._on_multi_toggled)
        self.award_selected = self._button(self.tr("Award selected"), target)
        self.award_selected.setObjectName("primary")
        self.award_selected.clicked.connect(self.award_selected_clicked)
        self.award_selected.hide()

        self.tools = self._button(self.tr("Tools"), target)
        self.tools.setToolTip(
            self.tr("Timer, random picker, groups, the class goal and a noise meter"))
        self.tools.clicked.connect(self.tools_clicked)

        self.privacy = self._button(self.tr("Privacy"), target, checkable=True)
        self.privacy.setToolTip(self.tr("Hide points on the big screen"))
        self.privacy.toggled.connect(self.privacy_toggled)
        self.sound = self._button(self.tr("Sound"), target, checkable=True)
        self.sound.toggled.connect(self.sound_toggled)
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setAccessibleName(self.tr("Volume"))
        self.volume.setRange(0, 100)
        self.volume.setMinimumHeight(target)
        # Never a stub: Spanish's longer words once squeezed it to 10 px.
        self.volume.setMinimumWidth(target * 2)
        self.volume.setMaximumWidth(target * 3)
        self.volume.valueChanged.connect(lambda v: self.volume_changed.emit(v / 100))

        self.menu_button = QToolButton(self)
        self.menu_button.setText("☰")  # the universal menu sign; the name is for screen readers
        self.menu_button.setAccessibleName(self.tr("Menu"))
        self.menu_button.setToolTip(self.tr("Menu"))
        self.menu_button.setMinimumSize(target, target)
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        left: tuple[QWidget, ...] = (self.class_combo, self.class_total)
        right: tuple[QWidget, ...] = (self.whole_class, self.select_several, self.award_selected,
                                      self.tools, self.privacy, self.sound, self.volume,
                                      self.menu_button)
        for widget in left:
            # The total shares the spare room, so it wraps only when the window is narrow.
            layout.addWidget(widget, 1 if widget is self.class_total else 0)
        layout.addStretch(1)
        for widget in right:
            layout.addWidget(widget)

    def _button(self, text: str, target: int, checkable: bool = False) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text)
        button.setCheckable(checkable)
        button.setMinimumHeight(target)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return button

    def set_classes(self, classes: list[ClassGroup], current: str | None) -> None:
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        for group in classes:
            self.class_combo.addItem(group.name, group.id)
        index = self.class_combo.findData(current)
        self.class_combo.setCurrentIndex(max(index, 0))
        self.class_combo.blockSignals(False)

    def set_class_total(self, points: int) -> None:
        text = (self.tr("Class total: 1 point") if points == 1
                else self.tr("Class total: {points} points").format(points=points))
        self.class_total.setText(text)
        self.class_total.setAccessibleName(text)
        # Two lines at most: as wide as the wider half of the text. Measured again only when
        # the text changes shape (digits are as wide as each other), and the width set only
        # when it changes, so a tap does not lay the bar out again.
        shape = re.sub(r"\d", "0", text)
        if shape != self._total_shape:
            self._total_shape = shape
            words = text.split()
            halves = (" ".join(words[:len(words) // 2]), " ".join(words[len(words) // 2:]))
            metrics = self.class_total.fontMetrics()
            width = max(metrics.horizontalAdvance(h) for h in halves) + 4
            if width != self.class_total.minimumWidth():
                self.class_total.setMinimumWidth(width)

    def set_selected_count(self, count: int) -> None:
        self.award_selected.setText(self.tr("Award {count} selected").format(count=count))
        self.award_selected.setEnabled(count > 0)

    def set_multi_select(self, on: bool) -> None:
        self.select_several.setChecked(on)

    def _on_class_activated(self, index: int) -> None:
        class_id = self.class_combo.itemData(index)
        if class_id:
            self.class_chosen.emit(str(class_id))

    def _on_multi_toggled(self, on: bool) -> None:
        self.award_selected.setVisible(on)
        self.whole_class.setVisible(not on)
        self.select_several.setText(self.tr("Done selecting") if on else self.tr("Select several"))
        self.multi_select_toggled.emit(on)

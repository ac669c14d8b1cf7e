"""The bar above the grid: class, whole-class award, multi-select, the lesson tools,
privacy and sound."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent
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
from dojo_desktop.ui.app_style import combo_arrow
from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.scale import app_scale

# Each step tighter than the last, for a bar too narrow for its words (a longer language,
# a laptop): (horizontal padding and spacing as a share of the touch target, font scale).
_TIGHTER = ((0.1, 1.0), (0.1, 0.88), (0.08, 0.78))


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
        self.setObjectName("ClassBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        layout = QHBoxLayout(self)
        self._target = self._font_px = self._tightness = 0
        self._loose_style = ""
        self._fitting = False
        # The bar tightens itself to fit (see _fit), never pushing the window wider.
        self.setMinimumWidth(1)

        self.class_combo = QComboBox(self)
        self.class_combo.setAccessibleName(self.tr("Class"))
        self.class_combo.activated.connect(self._on_class_activated)

        self.class_total = QLabel(self)
        self._total_shape = ""  # the class total's text with its digits as 0s, last measured
        self.class_total.setAccessibleName(self.tr("Class total"))
        # On a narrow screen the total takes two lines, so every button still fits at 1280 px.
        self.class_total.setWordWrap(True)

        self.whole_class = self._button(self.tr("Whole class"))
        self.whole_class.setObjectName("primary")
        self.whole_class.clicked.connect(self.whole_class_clicked)
        self.select_several = self._button(self.tr("Select several"), checkable=True)
        self.select_several.toggled.connect(self._on_multi_toggled)
        self.award_selected = self._button(self.tr("Award selected"))
        self.award_selected.setObjectName("primary")
        self.award_selected.clicked.connect(self.award_selected_clicked)
        self.award_selected.hide()

        self.tools = self._button(self.tr("Tools"))
        self.tools.setToolTip(
            self.tr("Timer, random picker, groups, the class goal and a noise meter"))
        self.tools.clicked.connect(self.tools_clicked)

        self.privacy = self._button(self.tr("Privacy"), checkable=True)
        self.privacy.setToolTip(self.tr("Hide points on the big screen"))
        self.privacy.toggled.connect(self.privacy_toggled)
        self.sound = self._button(self.tr("Sound"), checkable=True)
        self.sound.toggled.connect(self.sound_toggled)
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setAccessibleName(self.tr("Volume"))
        self.volume.setRange(0, 100)
        self.volume.valueChanged.connect(lambda v: self.volume_changed.emit(v / 100))

        self.menu_button = QToolButton(self)
        self.menu_button.setText("☰")  # the universal menu sign; the name is for screen readers
        self.menu_button.setAccessibleName(self.tr("Menu"))
        self.menu_button.setToolTip(self.tr("Menu"))
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        left: tuple[QWidget, ...] = (self.class_combo, self.class_total)
        right: tuple[QWidget, ...] = (self.whole_class, self.select_several, self.award_selected,
                                      self.tools, self.privacy, self.sound, self.volume,
                                      self.menu_button)
        for widget in left:
            # The total takes the spare room, so it wraps only when the window is narrow
            # (a longer language's total wraps no sooner than it must).
            layout.addWidget(widget, 1 if widget is self.class_total else 0)
        for widget in right:
            layout.addWidget(widget)
        self.follow_scale()

    def follow_scale(self) -> None:
        """Take every size from the app's scale again (a new reading distance)."""
        parent = self.parentWidget()
        target = touch_target_px(parent or self)
        font = QFont(self.font())
        font.setPixelSize(max(app_scale(parent or self).text_px, round(target * 0.32)))
        self.setFont(font)
        radius = target // 5
        self._tightness, self._target, self._font_px = 0, target, font.pixelSize()
        self.setStyleSheet(
            f"#ClassBar {{ background: #F8FAFC; border-bottom: 1px solid #E2E8F0; }}"
            f"#ClassBar QPushButton, #ClassBar QToolButton, #ClassBar QComboBox {{"
            f" background: white; color: #1E293B; border: 2px solid #CBD5E1;"
            f" border-radius: {radius}px; padding: 0 {target // 6}px; font-weight: 600;"
            f" font-size: {font.pixelSize()}px; }}"
            f"#ClassBar QToolButton::menu-indicator {{ image: none; width: 0; }}"
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
            + combo_arrow("#ClassBar QComboBox", target)
        )
        layout = self.layout()
        assert layout is not None
        layout.setContentsMargins(target // 6, target // 6, target // 6, target // 6)
        layout.setSpacing(target // 6)
        for button in (self.whole_class, self.select_several, self.award_selected, self.tools,
                       self.privacy, self.sound):
            button.setMinimumHeight(target)
        self.class_combo.setMinimumSize(target * 3, target)
        self.volume.setMinimumHeight(target)
        # Never a stub: a finger can still drag it, in any language.
        self.volume.setMinimumWidth(target * 2)
        self.volume.setMaximumWidth(target * 3)
        self.menu_button.setMinimumSize(target, target)
        self._total_shape = ""  # measured again in the new type
        if self.class_total.text():
            self._measure_total(self.class_total.text())
        layout.invalidate()
        self._fit(loosest=True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit(loosest=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit(loosest=True)

    def _fit(self, loosest: bool = False) -> None:
        """The loosest look whose controls all fit the bar's width, words whole. A text
        that changed only tightens it further if it must (a tap in "Select several"
        changes the count: that costs one measure, no restyle); a new width tries all."""
        layout = self.layout()
        if self._fitting or layout is None or not self.isVisible():
            return
        self._fitting = True
        try:
            for tightness in range(0 if loosest else self._tightness, len(_TIGHTER) + 1):
                self._tighten(tightness)
                # The class's whole name if it is not very long (the bar tightens for it).
                combo = self.class_combo
                width = min(max(self._target * 3, combo.sizeHint().width()), self._target * 7)
                if combo.minimumWidth() != width:
                    combo.setMinimumWidth(width)
                    layout.invalidate()
                if layout.minimumSize().width() <= self.width():
                    break
        finally:
            self._fitting = False

    def _tighten(self, tightness: int) -> None:
        if tightness == self._tightness:
            return
        if self._tightness == 0:
            self._loose_style = self.styleSheet()
        self._tightness = tightness
        layout = self.layout()
        assert layout is not None
        layout.invalidate()
        if tightness == 0:
            self.setStyleSheet(self._loose_style)
            layout.setSpacing(self._target // 6)
            return
        share, scale = _TIGHTER[tightness - 1]
        room = round(self._target * share)
        layout.setSpacing(room)
        # Appended, so these win over the same properties above them.
        self.setStyleSheet(
            self._loose_style
            + f"#ClassBar QPushButton, #ClassBar QToolButton, #ClassBar QComboBox,"
              f" #ClassBar QLabel {{ padding: 0 {room}px;"
              f" font-size: {round(self._font_px * scale)}px; }}"
            + combo_arrow("#ClassBar QComboBox", self._target))

    def _button(self, text: str, checkable: bool = False) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text)
        button.setCheckable(checkable)
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
        self._fit()

    def set_class_total(self, points: int) -> None:
        text = (self.tr("Class total: 1 point") if points == 1
                else self.tr("Class total: {points} points").format(points=points))
        self.class_total.setText(text)
        self.class_total.setAccessibleName(text)
        self._measure_total(text)

    def _measure_total(self, text: str) -> None:
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

    def set_sound_unavailable(self, reason: str | None, help_text: str = "") -> None:
        """Show that no sound can play (``reason``, and what to do), or that it can again.

        The switch keeps the teacher's choice; it reads "No sound", dashed amber, so it
        never looks on while awards are silent."""
        button = self.sound
        if reason is None:
            button.setText(self.tr("Sound"))
            button.setAccessibleName(self.tr("Sound"))
            button.setToolTip("")
            button.setAccessibleDescription("")
            button.setStyleSheet("")
        else:
            words = f"{reason} {help_text}".strip()
            button.setText(self.tr("No sound"))
            button.setAccessibleName(self.tr("Sound unavailable"))
            button.setToolTip(words)
            button.setAccessibleDescription(words)
            button.setStyleSheet("QPushButton, QPushButton:checked { background: #FEF3C7;"
                                 " color: #92400E; border-color: #D97706;"
                                 " border-style: dashed; }")
        button.setProperty("unavailable", reason is not None)
        self._fit()

    def set_selected_count(self, count: int) -> None:
        self.award_selected.setText(self.tr("Award {count} selected").format(count=count))
        self.award_selected.setEnabled(count > 0)
        self._fit()

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
        self._fit()
        self.multi_select_toggled.emit(on)

"""The skill picker: one big button per skill, with its written rule, to award in one tap."""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.core.model import Skill
from dojo_desktop.ui.resources import window_unit
from dojo_desktop.ui.scale import app_scale
from dojo_desktop.ui.skill_button import SkillButton

__all__ = ["SkillButton", "SkillPicker"]

_PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin)


class SkillPicker(QFrame):
    """Asks which skill to award; positive skills first, then the needs-work group.

    A panel inside the window, made once and shown again for every tap: a top-level dialog
    costs a window to map and unmap on each award, and its closing repaints the grid.
    While it shows, a press anywhere else in the window cancels it and goes no further.
    """

    skill_chosen = Signal(str)
    cancelled = Signal()
    story_requested = Signal()  # "My story": the child shares their own work instead

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("SkillPicker")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#SkillPicker { background: #F9FAFB; border: 3px solid #6B7280;"
            " border-radius: 18px; }"
        )
        self._chosen: str | None = None
        self._buttons: list[SkillButton] = []
        self._cells: list[tuple[int, int]] = []  # (row, column) of each button
        self._shown_for: tuple[object, ...] | None = None
        self._body: QWidget | None = None
        self._columns = 3
        self._filtering = False
        self._return_focus: QWidget | None = None

        self._outer = QVBoxLayout(self)
        self._heading = QLabel(self)
        self._heading.setTextFormat(Qt.TextFormat.PlainText)
        self._outer.addWidget(self._heading)
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._scroll.setAccessibleName(self.tr("Skills"))
        self._scroll.viewport().setAutoFillBackground(False)
        self._outer.addWidget(self._scroll, 1)
        self._cancel = QPushButton(self.tr("Cancel"), self)
        self._cancel.setAccessibleName(self.tr("Cancel"))
        self._cancel.setAutoDefault(False)
        self._cancel.clicked.connect(self.reject)
        self._story = QPushButton(self.tr("My story…"), self)
        self._story.setAccessibleName(self.tr("My story"))
        self._story.setAutoDefault(False)
        self._story.clicked.connect(self._ask_story)
        row = QHBoxLayout()
        row.addWidget(self._story)
        row.addStretch(1)
        row.addWidget(self._cancel)
        self._outer.addLayout(row)
        self.hide()

    # --- showing -------------------------------------------------------------------------

    def present(
        self, skills: Sequence[Skill], heading: str, *, hide_needs_work: bool = False,
        offer_story: bool = False,
    ) -> None:
        """Show the panel over its parent, asking for one of ``skills``; with
        ``offer_story``, a "My story…" button lets the child share their work instead."""
        parent = self.parentWidget()
        assert parent is not None
        # Sized from the window, like the tiles, so it reads as well at 4K as at 1080p.
        unit = window_unit(parent)
        columns = 3 if parent.window().width() >= unit * 22 else 2
        wanted = (tuple(skills), hide_needs_work, unit, columns)
        if wanted != self._shown_for:
            self._rebuild(skills, hide_needs_work, unit, columns)
            self._shown_for = wanted
        self.setWindowTitle(heading)
        self.setAccessibleName(heading)
        self._heading.setText(heading)
        self._heading.setAccessibleName(heading)
        self._story.setVisible(offer_story)
        self._chosen = None
        focused = QApplication.focusWidget()
        if focused is not None and not self.isAncestorOf(focused):
            self._return_focus = focused
        self._place(unit)
        self.show()
        self.raise_()
        if self._buttons:
            self._buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._cancel.setFocus(Qt.FocusReason.OtherFocusReason)
        self._set_filtering(True)
        # A panel is no dialog to a screen reader: say what it asks, then focus tells the rest.
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, heading))

    def _rebuild(
        self, skills: Sequence[Skill], hide_needs_work: bool, unit: int, columns: int
    ) -> None:
        self._columns = columns
        margin = unit // 2
        self._outer.setContentsMargins(margin, margin, margin, margin)
        self._outer.setSpacing(unit // 4)
        self._heading.setFont(self._font(unit * 0.6, bold=True))
        for button in (self._cancel, self._story):
            button.setMinimumSize(unit * 3, unit)
            button.setFont(self._font(max(unit * 0.36, app_scale(self).text_px), bold=False))
        self._buttons = []
        self._cells = []
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self._body = self._build_buttons(skills, hide_needs_work, unit)
        self._scroll.setWidget(self._body)
        self._body.setAutoFillBackground(False)  # setWidget turns it on; the panel shows

    def _place(self, unit: int) -> None:
        parent = self.parentWidget()
        assert parent is not None and self._body is not None
        hint = self._body.sizeHint()
        height = min(hint.height() + unit * 4, round(parent.height() * 0.95))
        # A picker that scrolls is wider by its scroll bar (15 mm with the app's style), and
        # may take all but a sliver of a laptop's width, so the names are not squeezed.
        bar = (self._scroll.verticalScrollBar().sizeHint().width()
               if height < hint.height() + unit * 4 else 0)
        width = min(hint.width() + unit * 2 + bar,
                    max(round(parent.width() * 0.95), parent.width() - unit // 2))
        self.setGeometry(
            (parent.width() - width) // 2, (parent.height() - height) // 2, width, height
        )

    def _ask_story(self) -> None:
        self.reject()
        self.story_requested.emit()

    def _font(self, pixel_size: float, *, bold: bool) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(round(pixel_size))
        font.setBold(bold)
        return font

    def _label(self, text: str, pixel_size: float, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setFont(self._font(pixel_size, bold=True))
        label.setAccessibleName(text)
        return label

    def _build_buttons(self, skills: Sequence[Skill], hide_needs_work: bool, unit: int) -> QWidget:
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(unit // 4)
        columns = self._columns
        positive = [s for s in skills if s.is_positive]
        # Privacy mode: needs-work is never offered on the big screen (the laptop can).
        needs_work = [] if hide_needs_work else [s for s in skills if not s.is_positive]
        row = 0
        for group_title, group in (
            (self.tr("Well done"), positive),
            (self.tr("Needs work"), needs_work),
        ):
            if not group:
                continue
            label = self._label(group_title, max(unit * 0.36, app_scale(self).text_px), body)
            label.setStyleSheet("color: #374151; margin-top: 6px;")
            grid.addWidget(label, row, 0, 1, columns)
            row += 1
            for index, skill in enumerate(group):
                number = len(self._buttons) + 1
                button = SkillButton(skill, number if number <= 9 else None, unit, body)
                button.clicked.connect(lambda _=False, s=skill.id: self._choose(s))
                # Seen before the scroll area, which would scroll on arrows instead.
                button.key_handler = self._handle_key
                cell = (row + index // columns, index % columns)
                grid.addWidget(button, *cell)
                self._buttons.append(button)
                self._cells.append(cell)
            row += (len(group) + columns - 1) // columns
        return body

    # --- answers -------------------------------------------------------------------------

    def buttons(self) -> list[SkillButton]:
        """The skill buttons in the order shown (and numbered)."""
        return list(self._buttons)

    def chosen_skill_id(self) -> str | None:
        """The skill picked, or None if the picker was cancelled."""
        return self._chosen

    def reject(self) -> None:
        """Close without awarding."""
        if self.isVisible():
            self._close()
            self.cancelled.emit()

    def _choose(self, skill_id: str) -> None:
        self._chosen = skill_id
        # Closed first, so the award's repaint and the panel's removal land in one frame.
        self._close()
        self.skill_chosen.emit(skill_id)

    def _close(self) -> None:
        self._set_filtering(False)
        self.hide()
        # Back to where the tap came from; as after a popup, so no focus ring appears.
        back, self._return_focus = self._return_focus, None
        if back is not None and shiboken6.isValid(back) and back.isVisible():
            back.setFocus(Qt.FocusReason.PopupFocusReason)

    def _set_filtering(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None or on == self._filtering:
            return
        self._filtering = on
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only while showing: a press outside the panel cancels it and reaches nothing else.
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._place(window_unit(self))  # stay centred, and inside, as the window changes
            return False
        if (
            event.type() in _PRESSES
            and isinstance(watched, QWidget)
            and watched is not self
            and not self.isAncestorOf(watched)
            and watched.window() is self.window()
        ):
            self.reject()
            return True
        return False

    # --- keys ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._handle_key(event):
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab stays inside the panel while it is open, as it would in a dialog.
        chain: list[QWidget] = [*self._buttons, self._cancel]
        current = self.focusWidget()
        index = chain.index(current) if current in chain else -1
        target = chain[(index + (1 if next else -1)) % len(chain)]
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True

    def _handle_key(self, event: QKeyEvent) -> bool:
        """Number keys pick, arrows move, Escape cancels; True when the key was used."""
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key == Qt.Key.Key_Escape:
            self.reject()
            return True
        if plain and Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            index = key - Qt.Key.Key_1
            if index < len(self._buttons):
                self._choose(self._buttons[index].skill.id)
            return True
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            if self._buttons:
                self._move_focus(Qt.Key(key))
            return True
        return False

    def _move_focus(self, key: Qt.Key) -> None:
        current = self.focusWidget()
        if not isinstance(current, SkillButton) or current not in self._buttons:
            self._buttons[0].setFocus(Qt.FocusReason.TabFocusReason)
            return
        index = self._buttons.index(current)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            target = min(len(self._buttons) - 1, max(0, index + step))
        else:
            target = self._vertical_neighbour(index, up=key == Qt.Key.Key_Up)
        self._buttons[target].setFocus(Qt.FocusReason.TabFocusReason)

    def _vertical_neighbour(self, index: int, *, up: bool) -> int:
        # Rows are not evenly filled (each group starts a new row), so go by grid cells.
        row, column = self._cells[index]
        rows = sorted({r for r, _ in self._cells if (r < row if up else r > row)}, reverse=up)
        if not rows:
            return index
        in_row = [i for i, (r, _) in enumerate(self._cells) if r == rows[0]]
        same_column = [i for i in in_row if self._cells[i][1] == column]
        return same_column[0] if same_column else in_row[-1]

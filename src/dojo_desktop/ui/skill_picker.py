"""The skill picker: one big button per skill, with its written rule, to award in one tap."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.core.model import Skill
from dojo_desktop.ui.resources import skill_icon, window_unit
from dojo_desktop.ui.undo_toast import points_text

_POSITIVE_ACCENT = QColor("#15803D")
_NEEDS_WORK_ACCENT = QColor("#B45309")
_FOCUS = QColor("#1D4ED8")


class SkillButton(QAbstractButton):
    """A painted button: icon, name, points and the criteria line beneath."""

    def __init__(
        self, skill: Skill, number: int | None, unit: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.skill = skill
        self._number = number
        # The picker's keys (numbers, arrows in grid order) come first. A handler rather
        # than an event filter: a filter runs Python for every event of every button.
        self.key_handler: Callable[[QKeyEvent], bool] | None = None
        self._target = unit
        self._focus_visible = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setMinimumHeight(self._target)
        self.setAccessibleName(
            self.tr("{name}, {points}").format(name=skill.name, points=points_text(skill.points))
        )
        self.setAccessibleDescription(skill.criteria)
        self.setToolTip(skill.criteria)
        self._name_font = QFont(self.font())
        self._name_font.setPixelSize(round(self._target * 0.42))
        self._name_font.setBold(True)
        self._criteria_font = QFont(self.font())
        self._criteria_font.setPixelSize(max(14, round(self._target * 0.3)))

    def _padding(self) -> int:
        return round(self._target * 0.22)

    def sizeHint(self) -> QSize:
        name = QFontMetrics(self._name_font)
        criteria = QFontMetrics(self._criteria_font)
        height = name.height() + 2 * self._padding()
        if self.skill.criteria:
            height += criteria.height() * 2 + self._padding() // 2
        return QSize(self._target * 7, max(self._target, height))

    def minimumSizeHint(self) -> QSize:
        return QSize(self._target * 4, self._target)

    def _accent(self) -> QColor:
        return _POSITIVE_ACCENT if self.skill.is_positive else _NEEDS_WORK_ACCENT

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = self._accent()
        line = max(2.0, self._target / 28)
        radius = self._target * 0.25
        rect = QRectF(self.rect()).adjusted(line, line, -line, -line)
        painter.setPen(QPen(accent.lighter(130), line))
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawRoundedRect(rect, radius, radius)
        if self.isDown() or self.underMouse():
            # Only a light wash of the skill's colour: hover must not look like a choice.
            wash = QColor(accent)
            wash.setAlpha(70 if self.isDown() else 28)
            painter.setBrush(wash)
            painter.drawRoundedRect(rect, radius, radius)
        if self.hasFocus() and self._focus_visible:
            ring = line * 2.5
            painter.setPen(QPen(_FOCUS, ring))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            inset = ring / 2
            painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), radius, radius)

        pad = self._padding()
        icon_side = round(self._target * 0.8)
        icon_rect = QRect(pad, pad, icon_side, icon_side)
        icon = skill_icon(self.skill.icon, icon_side, self.devicePixelRatioF())
        painter.drawPixmap(icon_rect, icon)

        name_metrics = QFontMetrics(self._name_font)
        points = points_text(self.skill.points)
        points_width = name_metrics.horizontalAdvance(points) + pad * 2
        pill = QRect(
            self.width() - pad - points_width, pad, points_width, name_metrics.height() + 4
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(QRectF(pill), pill.height() / 2, pill.height() / 2)
        painter.setFont(self._name_font)
        painter.setPen(QColor("white"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, points)

        text_left = icon_rect.right() + pad
        text_width = pill.left() - pad - text_left
        name_rect = QRect(text_left, pad + 2, text_width, name_metrics.height())
        painter.setPen(QColor("#111827"))
        label = self.skill.name if self._number is None else f"{self._number}  {self.skill.name}"
        painter.drawText(
            name_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name_metrics.elidedText(label, Qt.TextElideMode.ElideRight, text_width),
        )
        if self.skill.criteria:
            painter.setFont(self._criteria_font)
            painter.setPen(QColor("#374151"))
            criteria_rect = QRect(
                text_left,
                name_rect.bottom() + pad // 2,
                self.width() - pad - text_left,
                self.height() - name_rect.bottom() - pad,
            )
            painter.drawText(
                criteria_rect,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                | int(Qt.TextFlag.TextWordWrap),
                self.skill.criteria,
            )
        painter.end()

    def focusInEvent(self, event: QFocusEvent) -> None:
        # The ring marks keyboard focus only: on a touch board it would look like a preset.
        self._focus_visible = event.reason() in (
            Qt.FocusReason.TabFocusReason,
            Qt.FocusReason.BacktabFocusReason,
            Qt.FocusReason.ShortcutFocusReason,
        )
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._focus_visible:
            self._focus_visible = True
            self.update()
        if self.key_handler is not None and self.key_handler(event):
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.click()
            return
        super().keyPressEvent(event)


class SkillPicker(QDialog):
    """Asks which skill to award; positive skills first, then the needs-work group."""

    skill_chosen = Signal(str)
    story_requested = Signal()  # "My story": the child shares their own work instead

    def __init__(
        self,
        skills: Sequence[Skill],
        heading: str,
        *,
        hide_needs_work: bool = False,
        offer_story: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(heading)
        self.setAccessibleName(heading)
        self._chosen: str | None = None
        self._buttons: list[SkillButton] = []
        self._cells: list[tuple[int, int]] = []  # (row, column) of each button
        # Sized from the window, like the tiles, so it reads as well at 4K as at 1080p.
        unit = window_unit(parent)
        screen = (parent or self).screen().availableGeometry()
        width = parent.window().width() if parent is not None else screen.width()
        self._columns = 3 if width >= unit * 22 else 2

        outer = QVBoxLayout(self)
        outer.setContentsMargins(unit // 2, unit // 2, unit // 2, unit // 2)
        outer.setSpacing(unit // 4)
        outer.addWidget(self._label(heading, unit * 0.6))
        body = self._build_buttons(skills, hide_needs_work, unit)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setAccessibleName(self.tr("Skills"))
        outer.addWidget(scroll, 1)

        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.setMinimumSize(unit * 3, unit)
        cancel.setAutoDefault(False)
        cancel.setFont(self._font(unit * 0.36, bold=False))
        cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        if offer_story:
            story = QPushButton(self.tr("My story…"), self)
            story.setAccessibleName(self.tr("My story"))
            story.setMinimumSize(unit * 3, unit)
            story.setAutoDefault(False)
            story.setFont(self._font(unit * 0.36, bold=False))
            story.clicked.connect(self._ask_story)
            row.addWidget(story)
        row.addStretch(1)
        row.addWidget(cancel)
        outer.addLayout(row)

        body_hint = body.sizeHint()
        self.resize(
            min(body_hint.width() + unit * 2, round(screen.width() * 0.95)),
            min(body_hint.height() + unit * 4, round(screen.height() * 0.95)),
        )
        if self._buttons:
            self._buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _ask_story(self) -> None:
        self.reject()
        self.story_requested.emit()

    def _font(self, pixel_size: float, *, bold: bool) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(round(pixel_size))
        font.setBold(bold)
        return font

    def _label(self, text: str, pixel_size: float) -> QLabel:
        label = QLabel(text, self)
        label.setFont(self._font(pixel_size, bold=True))
        label.setAccessibleName(text)
        return label

    def _build_buttons(self, skills: Sequence[Skill], hide_needs_work: bool, unit: int) -> QWidget:
        body = QWidget(self)
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
            label = self._label(group_title, unit * 0.36)
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

    def buttons(self) -> list[SkillButton]:
        """The skill buttons in the order shown (and numbered)."""
        return list(self._buttons)

    def chosen_skill_id(self) -> str | None:
        """The skill picked, or None if the dialog was cancelled."""
        return self._chosen

    def _choose(self, skill_id: str) -> None:
        self._chosen = skill_id
        self.skill_chosen.emit(skill_id)
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._handle_key(event):
            super().keyPressEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        """Number keys pick, arrows move; True when the key was used."""
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
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

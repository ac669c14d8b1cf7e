"""A skill as one big painted button: icon, name, points and the criteria line."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QStyle, QWidget

from dojo_desktop.core.model import Skill
from dojo_desktop.ui.resources import skill_icon
from dojo_desktop.ui.undo_toast import points_text

_POSITIVE_ACCENT = QColor("#15803D")
_NEEDS_WORK_ACCENT = QColor("#B45309")
_FOCUS = QColor("#1D4ED8")
_SMALLEST_NAME = 0.75  # a long name shrinks to this share of the name's size before eliding


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
        self._mouse_down = False
        self._looks: dict[tuple[int, int, float, bool, bool, bool], QPixmap] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        # As narrow as four units when the window is (the name is elided).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
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
        # Never shorter than its two lines of criteria: a short window scrolls the picker.
        self.setMinimumHeight(self.sizeHint().height())

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
        # A button repaints as it is pressed and again as it is released, in the middle
        # of a tap: each look is drawn once and copied after that.
        dpr = self.devicePixelRatioF()
        key = (self.width(), self.height(), dpr, self.isDown(), self.underMouse(),
               self.hasFocus() and self._focus_visible)
        pixmap = self._looks.get(key)
        if pixmap is None:
            pixmap = QPixmap(round(self.width() * dpr), round(self.height() * dpr))
            pixmap.setDevicePixelRatio(dpr)
            pixmap.fill(Qt.GlobalColor.transparent)
            self._render(QPainter(pixmap))
            if len(self._looks) > 8:
                self._looks.clear()
            self._looks[key] = pixmap
        painter = QPainter(self)
        painter.drawPixmap(0, 0, pixmap)
        painter.end()

    def _render(self, painter: QPainter) -> None:
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
        direction = self.layoutDirection()

        def place(rect: QRect) -> QRect:  # mirrored in a right-to-left window
            return QStyle.visualRect(direction, self.rect(), rect)

        lead = Qt.AlignmentFlag.AlignRight if self.isRightToLeft() else Qt.AlignmentFlag.AlignLeft
        icon_rect = QRect(pad, pad, icon_side, icon_side)
        icon = skill_icon(self.skill.icon, icon_side, self.devicePixelRatioF())
        painter.drawPixmap(place(icon_rect), icon)

        name_metrics = QFontMetrics(self._name_font)
        points = points_text(self.skill.points)
        points_width = name_metrics.horizontalAdvance(points) + pad * 2
        pill = QRect(
            self.width() - pad - points_width, pad, points_width, name_metrics.height() + 4
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(QRectF(place(pill)), pill.height() / 2, pill.height() / 2)
        painter.setFont(self._name_font)
        painter.setPen(QColor("white"))
        painter.drawText(place(pill), Qt.AlignmentFlag.AlignCenter, points)
        painter.setLayoutDirection(direction)

        text_left = icon_rect.right() + pad
        text_width = pill.left() - pad - text_left
        name_rect = QRect(text_left, pad + 2, text_width, name_metrics.height())
        painter.setPen(QColor("#111827"))
        label = self._label()
        name_font = self._fitting_font(label, text_width)
        painter.setFont(name_font)
        painter.drawText(
            place(name_rect),
            lead | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(name_font).elidedText(label, Qt.TextElideMode.ElideRight, text_width),
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
                place(criteria_rect),
                int(lead | Qt.AlignmentFlag.AlignTop)
                | int(Qt.TextFlag.TextWordWrap),
                self.skill.criteria,
            )
        painter.end()

    def _fitting_font(self, label: str, width: int) -> QFont:
        """The name's font, a little smaller if that is what it takes to show it whole
        (a longer language's "Helping others"); past that, the name is elided."""
        font = QFont(self._name_font)
        smallest = round(self._name_font.pixelSize() * _SMALLEST_NAME)
        while font.pixelSize() > smallest \
                and QFontMetrics(font).horizontalAdvance(label) > width:
            font.setPixelSize(font.pixelSize() - 1)
        return font

    def _label(self) -> str:
        return self.skill.name if self._number is None else f"{self._number}  {self.skill.name}"

    def name_fits(self) -> bool:
        """The whole name shows at the button's present width."""
        pad, icon_side = self._padding(), round(self._target * 0.8)
        points_width = QFontMetrics(self._name_font).horizontalAdvance(
            points_text(self.skill.points)) + pad * 2
        # As _render lays it out: the icon, the name, the points pill.
        width = self.width() - pad - points_width - pad - (pad + icon_side - 1 + pad)
        label = self._label()
        return QFontMetrics(self._fitting_font(label, width)).horizontalAdvance(label) <= width

    def focusInEvent(self, event: QFocusEvent) -> None:
        # The ring marks keyboard focus only: on a touch board it would look like a preset.
        self._focus_visible = event.reason() in (
            Qt.FocusReason.TabFocusReason,
            Qt.FocusReason.BacktabFocusReason,
            Qt.FocusReason.ShortcutFocusReason,
        )
        super().focusInEvent(event)

    # QAbstractButton repaints at once (QWidget.repaint) as it is pressed and again as it
    # is released, before ``clicked``: two backing-store passes in the middle of a tap, each
    # repainting the tiles beneath the picker's rounded corners. Here both looks are
    # asked for with update() instead, so the press shows on the next frame and the
    # release's look merges with the picker's closing into one pass.

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton \
                or not self.hitButton(event.position().toPoint()):
            event.ignore()
            return
        self._mouse_down = True
        self.setDown(True)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self._mouse_down or not event.buttons() & Qt.MouseButton.LeftButton:
            event.ignore()
            return
        self.setDown(self.hitButton(event.position().toPoint()))
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self._mouse_down:
            event.ignore()
            return
        self._mouse_down = False
        was_down = self.isDown()
        self.setDown(False)
        if was_down and self.hitButton(event.position().toPoint()):
            event.accept()
            self.click()  # pressed, released, clicked: no repaint of its own
        else:
            event.ignore()

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

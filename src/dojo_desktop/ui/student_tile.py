"""One student's tile on the big screen: avatar, name and points, painted to read from afar."""

from __future__ import annotations

import zlib

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QAccessible,
    QAccessibleInterface,
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QTouchEvent,
)
from PySide6.QtWidgets import QAccessibleWidget, QWidget

from dojo_desktop.services.views import StudentCard
from dojo_desktop.ui.avatars import AVATAR_COUNT, drawn_avatar_pixmap
from dojo_desktop.ui.resources import circle_photo
from dojo_desktop.ui.undo_toast import points_text

AWARD_ANIMATION_MS = 700
LONG_PRESS_MS = 600

_CARD = QColor("#FFFFFF")
_CARD_BORDER = QColor("#D1D5DB")
_HOVER = QColor("#F3F4F6")
_PRESSED = QColor("#E5E7EB")
_SELECTED = QColor("#DBEAFE")
_SELECTED_BORDER = QColor("#2563EB")
_FOCUS = QColor("#1D4ED8")
_NAME = QColor("#111827")
# One calm colour for every total: a red pill for a low score would shame the child.
_PILL = QColor("#1F2937")
_RISE_POSITIVE = QColor("#15803D")
_RISE_NEEDS_WORK = QColor("#B45309")


def _tile_accessible(key: str, obj: object) -> QAccessibleInterface | None:
    # Screen readers should announce a tile as a button that can be pressed.
    if isinstance(obj, StudentTile):
        return QAccessibleWidget(obj, QAccessible.Role.Button, "")
    return None


QAccessible.installFactory(_tile_accessible)


def _drawn_index(card: StudentCard) -> int:
    kind, _, value = card.student.avatar.partition(":")
    if kind == "drawn" and value.isdigit():
        return int(value) % AVATAR_COUNT
    # A stable pick from the id, so a missing photo never makes tiles swap faces.
    return zlib.crc32(card.id.encode()) % AVATAR_COUNT


def _fit_text(candidates: list[str], font: QFont, width: int) -> tuple[str, QFont]:
    """The first candidate that fits ``width`` at up to 15% smaller type, else the last one.

    So a full name reads best, and a long one shrinks a little, then becomes "Aleksandra W."
    and, in the smallest tiles, "Aleksandra".
    """
    base_size = font.pixelSize()
    min_size = max(11, round(base_size * 0.85))
    fitted = QFont(font)
    for text in candidates:
        for size in range(base_size, min_size - 1, -1):
            fitted.setPixelSize(size)
            metrics = QFontMetrics(fitted)
            # elidedText is the judge: it may cut text whose advance is a pixel under the width.
            if metrics.elidedText(text, Qt.TextElideMode.ElideRight, width) == text:
                return text, fitted
    return candidates[-1], fitted


class StudentTile(QWidget):
    """A custom-painted button for one student; emits ``activated`` with the student id.

    A long press, a right click or the menu key emits ``history_requested`` instead.
    """

    activated = Signal(str)
    history_requested = Signal(str)

    def __init__(self, card: StudentCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._card = card
        self._privacy = False
        self._selected = False
        self._pressed = False
        self._focus_visible = False
        self._avatar_cache: tuple[tuple[str, str | None, int, float], QPixmap] | None = None
        self._award_points = 0
        self._award_progress = 1.0  # 1.0 means no animation showing
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setDuration(AWARD_ANIMATION_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._set_award_progress)
        self._animation.finished.connect(lambda: self._set_award_progress(1.0))
        self._long_press = QTimer(self)
        self._long_press.setSingleShot(True)
        self._long_press.setInterval(LONG_PRESS_MS)
        self._long_press.timeout.connect(self._on_long_press)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._update_accessible_text()

    # --- state -------------------------------------------------------------------------

    @property
    def student_id(self) -> str:
        return self._card.id

    def card(self) -> StudentCard:
        return self._card

    def points(self) -> int:
        return self._card.points

    def is_selected(self) -> bool:
        return self._selected

    def is_privacy(self) -> bool:
        return self._privacy

    def set_card(self, card: StudentCard) -> None:
        """Show ``card``; repaints only when something shown changed."""
        if card == self._card:
            return
        self._card = card
        self._update_accessible_text()
        self.update()

    def set_points(self, points: int) -> None:
        """Update the total; repaints this tile only, and only if the total changed."""
        if points == self._card.points:
            return
        self.set_card(StudentCard(self._card.student, points, self._card.avatar_path))

    def set_privacy(self, privacy: bool) -> None:
        """Hide (True) or show the total, on screen and to screen readers."""
        if privacy == self._privacy:
            return
        self._privacy = privacy
        if privacy and self._award_points < 0:
            self._animation.stop()
            self._award_progress = 1.0
        self._update_accessible_text()
        self.update()

    def set_selected(self, selected: bool) -> None:
        if selected == self._selected:
            return
        self._selected = selected
        self._update_accessible_text()
        self.update()

    def show_award_animation(self, points: int) -> None:
        """Float '+N' (or '−N') up and out of the tile over about 700 ms."""
        if points == 0 or (self._privacy and points < 0):
            # Privacy mode never shows a needs-work award on the big screen.
            return
        self._award_points = points
        self._animation.stop()
        self._animation.start()

    def is_animating(self) -> bool:
        return self._animation.state() is QVariantAnimation.State.Running

    def _set_award_progress(self, value: object) -> None:
        self._award_progress = float(value) if isinstance(value, (int, float)) else 1.0
        self.update()

    def _update_accessible_text(self) -> None:
        name = self._card.student.display_name
        points = self._card.points
        if self._privacy:
            text = name
        elif points == 1:
            text = self.tr("{name}, 1 point").format(name=name)
        else:
            text = self.tr("{name}, {points} points").format(name=name, points=points)
        self.setAccessibleName(text)
        self.setAccessibleDescription(self.tr("Selected") if self._selected else "")

    # --- input -------------------------------------------------------------------------

    def _activate(self) -> None:
        self.activated.emit(self._card.id)

    def _set_pressed(self, pressed: bool) -> None:
        if pressed != self._pressed:
            self._pressed = pressed
            if pressed:
                self._long_press.start()
            else:
                self._long_press.stop()
            self.update()

    def _on_long_press(self) -> None:
        # The finger is still down: this press opens the history and must not also award.
        self._set_pressed(False)
        self.history_requested.emit(self._card.id)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        event.accept()
        self.history_requested.emit(self._card.id)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._set_pressed(True)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._set_pressed(self.rect().contains(event.position().toPoint()))
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        was_pressed = self._pressed
        self._set_pressed(False)
        if was_pressed and self.rect().contains(event.position().toPoint()):
            self._activate()
        event.accept()

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QTouchEvent):  # begin, update, end or cancel
            self._touch(event)
            return True
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        # A tap is a click: a finger that lands and lifts inside the tile activates it.
        event.accept()
        points = event.points()
        inside = bool(points) and self.rect().contains(points[0].position().toPoint())
        kind = event.type()
        if kind == QEvent.Type.TouchCancel:
            self._set_pressed(False)
        elif kind == QEvent.Type.TouchEnd:
            was_pressed = self._pressed
            self._set_pressed(False)
            if was_pressed and inside:
                self._activate()
        else:
            self._set_pressed(inside)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._focus_visible:
            # Someone is using the keyboard: show them where they are.
            self._focus_visible = True
            self.update()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if not event.isAutoRepeat():
                self._activate()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Like CSS :focus-visible: a click on the board should not leave a ring behind, and
        # focus coming back from a closed dialog keeps whatever the last input showed.
        reason = event.reason()
        if reason == Qt.FocusReason.MouseFocusReason:
            self._focus_visible = False
        elif reason not in (
            Qt.FocusReason.ActiveWindowFocusReason,
            Qt.FocusReason.PopupFocusReason,
        ):
            self._focus_visible = True
        super().focusInEvent(event)  # repaints

    def sizeHint(self) -> QSize:
        return QSize(160, 200)

    # --- painting ----------------------------------------------------------------------

    def _avatar_pixmap(self, size: int) -> QPixmap:
        dpr = self.devicePixelRatioF()
        key = (self._card.student.avatar, self._card.avatar_path, size, dpr)
        if self._avatar_cache is not None and self._avatar_cache[0] == key:
            return self._avatar_cache[1]
        pixmap = None
        if self._card.avatar_path:
            pixmap = circle_photo(self._card.avatar_path, size, dpr)
        if pixmap is None:
            pixmap = drawn_avatar_pixmap(_drawn_index(self._card), size, dpr)
        self._avatar_cache = (key, pixmap)
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        width, height = self.width(), self.height()
        short = min(width, height)
        pad = max(4, round(short * 0.06))
        radius = short * 0.09
        self._paint_card(painter, QRectF(self.rect()), radius)

        name_font = QFont(self.font())
        name_font.setBold(True)
        name_font.setPixelSize(max(12, round(height * 0.115)))
        name_height = QFontMetrics(name_font).height()
        avatar_side = max(8, min(width - 2 * pad, height - 3 * pad - name_height))
        avatar_rect = QRect((width - avatar_side) // 2, pad, avatar_side, avatar_side)
        painter.drawPixmap(avatar_rect, self._avatar_pixmap(avatar_side))

        name_rect = QRect(
            pad,
            avatar_rect.bottom() + pad,
            width - 2 * pad,
            height - avatar_rect.bottom() - 2 * pad,
        )
        self._paint_name(painter, name_font, name_rect)
        badge = max(16, round(short * 0.2))
        if not self._privacy:
            self._paint_points(painter, QRect(width - pad // 2, pad // 2, 0, badge))
        if self._selected:
            self._paint_check(painter, QRectF(pad / 2, pad / 2, badge, badge))
        if self._award_progress < 1.0:
            self._paint_rising_points(painter, avatar_rect)
        painter.end()

    def _paint_card(self, painter: QPainter, rect: QRectF, radius: float) -> None:
        fill = _CARD
        border = QPen(_CARD_BORDER, 1.5)
        if self._selected:
            fill = _SELECTED
            border = QPen(_SELECTED_BORDER, 3)
        if self._pressed:
            fill = fill.darker(108) if self._selected else _PRESSED
        elif self.underMouse() and not self._selected:  # WA_Hover repaints on enter/leave
            fill = _HOVER
        inset = border.widthF() / 2
        painter.setPen(border)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), radius, radius)
        if self._focus_visible and self.hasFocus():
            # Two rings, dark then white, so the focus shows on any background or projector.
            ring = max(4.0, min(rect.width(), rect.height()) * 0.03)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(_FOCUS, ring))
            outer = rect.adjusted(ring / 2, ring / 2, -ring / 2, -ring / 2)
            painter.drawRoundedRect(outer, radius, radius)
            painter.setPen(QPen(QColor("white"), 2))
            inner = outer.adjusted(ring / 2 + 1, ring / 2 + 1, -ring / 2 - 1, -ring / 2 - 1)
            painter.drawRoundedRect(inner, radius * 0.8, radius * 0.8)

    def _paint_name(self, painter: QPainter, font: QFont, rect: QRect) -> None:
        student = self._card.student
        candidates = [student.display_name]
        if student.last_name and student.first_name:
            candidates += [f"{student.first_name} {student.last_name[:1]}.", student.first_name]
        name, font = _fit_text(candidates, font, rect.width())
        painter.setFont(font)
        painter.setPen(_NAME)
        painter.drawText(
            rect,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(font).elidedText(name, Qt.TextElideMode.ElideRight, rect.width()),
        )

    def _paint_points(self, painter: QPainter, anchor: QRect) -> None:
        """Draw the pill with its right edge at anchor's left, as tall as anchor."""
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(max(11, round(anchor.height() * 0.68)))
        text = points_text(self._card.points).removeprefix("+")
        text_width = QFontMetrics(font).horizontalAdvance(text)
        pill_width = max(anchor.height(), text_width + anchor.height() * 0.7)
        pill = QRectF(anchor.left() - pill_width, anchor.top(), pill_width, anchor.height())
        painter.setPen(QPen(QColor("white"), max(2.0, anchor.height() * 0.08)))
        painter.setBrush(_PILL)
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_check(self, painter: QPainter, rect: QRectF) -> None:
        painter.setPen(QPen(QColor("white"), max(2.0, rect.width() * 0.08)))
        painter.setBrush(_SELECTED_BORDER)
        painter.drawEllipse(rect)
        tick = QPainterPath()
        tick.moveTo(rect.left() + rect.width() * 0.27, rect.top() + rect.height() * 0.52)
        tick.lineTo(rect.left() + rect.width() * 0.44, rect.top() + rect.height() * 0.68)
        tick.lineTo(rect.left() + rect.width() * 0.74, rect.top() + rect.height() * 0.34)
        pen = QPen(QColor("white"), max(2.0, rect.width() * 0.12))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(tick)

    def _paint_rising_points(self, painter: QPainter, avatar_rect: QRect) -> None:
        progress = self._award_progress
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(max(16, round(avatar_rect.height() * 0.42)))
        text = points_text(self._award_points)
        rise = avatar_rect.height() * 0.45 * progress
        box = QRectF(avatar_rect).translated(0, -rise)
        path = QPainterPath()
        metrics = QFontMetrics(font)
        baseline = QPointF(
            box.center().x() - metrics.horizontalAdvance(text) / 2,
            box.center().y() + (metrics.ascent() - metrics.descent()) / 2,
        )
        path.addText(baseline, font, text)
        painter.setOpacity(1.0 - progress)
        colour = _RISE_POSITIVE if self._award_points > 0 else _RISE_NEEDS_WORK
        # A white halo first, then the fill on top, so the digits stay full weight.
        halo = QPen(QColor("white"), max(4.0, font.pixelSize() * 0.16))
        halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.strokePath(path, halo)
        painter.fillPath(path, colour)
        painter.setOpacity(1.0)

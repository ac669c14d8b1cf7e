"""One student's tile on the big screen: avatar, name and points, painted to read from afar,
with a ring around the avatar filling toward the child's own target for the day."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleInterface,
    QContextMenuEvent,
    QEnterEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QAccessibleWidget, QWidget

from dojo_desktop.services.views import StudentCard
from dojo_desktop.ui.award_animation import AWARD_ANIMATION_MS, award_animator
from dojo_desktop.ui.card_avatar import card_avatar
from dojo_desktop.ui.tile_painting import (
    RisingLabel,
    TileGeometry,
    TileLook,
    paint_base_layer,
    paint_celebration,
    paint_pill,
    paint_rising_label,
    pill_band,
    points_pill,
    ring_step,
    rising_label,
    rising_label_rect,
    tile_geometry,
)

__all__ = ["AWARD_ANIMATION_MS", "StudentTile", "card_avatar"]

LONG_PRESS_MS = 600
CELEBRATION_MS = 1200
# Changes after which the tile looks different (its face is painted again).
_RESTYLING_CHANGES = frozenset({QEvent.Type.PaletteChange, QEvent.Type.FontChange,
                                QEvent.Type.StyleChange, QEvent.Type.LayoutDirectionChange})


def _tile_accessible(key: str, obj: object) -> QAccessibleInterface | None:
    # Screen readers should announce a tile as a button that can be pressed.
    if isinstance(obj, StudentTile):
        return QAccessibleWidget(obj, QAccessible.Role.Button, "")
    return None


QAccessible.installFactory(_tile_accessible)


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
        self._geometry_cache: tuple[tuple[int, int], TileGeometry] | None = None
        # Card, avatar, ring, name and points as one opaque pixmap: the layer (card, avatar,
        # ring, name), painted again only for a new look, with the pill painted on it over
        # the layer's top band (kept) when the total changes.
        self._face: QPixmap | None = None
        self._face_stale = True
        self._look: TileLook | None = None  # the face's layer's look
        self._band: QPixmap | None = None  # the layer's top, beneath the pill (pill_band)
        self._face_pill: object = None  # the ``_pill`` painted on the face; None: none
        self._rising: RisingLabel | None = None  # the '+N' of the award animating
        self._pill: tuple[tuple[int, int, float], QPointF, QPixmap] | None = None
        self._ring: tuple[int, bool] | None = None  # (filled steps, reached); None: no target
        self._celebration: QVariantAnimation | None = None
        # The grid's keys (arrows in grid order) come first. A handler rather than an
        # event filter: a filter runs Python for every event of every tile, paints too.
        self.key_handler: Callable[[QKeyEvent], bool] | None = None
        self._long_press = QTimer(self)
        self._long_press.setSingleShot(True)
        self._long_press.setInterval(LONG_PRESS_MS)
        self._long_press.timeout.connect(self._on_long_press)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # The cached layer covers every pixel, so nothing beneath needs painting first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
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
        same_look = (card.student == self._card.student
                     and card.avatar_path == self._card.avatar_path)
        self._card = card
        self._update_accessible_text()
        if same_look:
            self._face_stale = True  # a new total: the layer beneath stays
            self.update()
        else:
            self._restyle()

    def set_points(self, points: int) -> None:
        """Update the total; repaints this tile only, and only if the total changed."""
        if points == self._card.points:
            return
        self.set_card(StudentCard(self._card.student, points, self._card.avatar_path))

    def set_target_progress(self, fraction: float | None, reached: bool = False) -> None:
        """Show the ring of the child's target filled ``fraction`` of the way (None: no
        target today); repaints this tile only, and only if the ring looks different."""
        ring = None if fraction is None else (ring_step(fraction), reached)
        if ring == self._ring:
            return
        was_reached = self._ring is not None and self._ring[1]
        self._ring = ring
        if was_reached != (ring is not None and ring[1]):
            self._update_accessible_text()
        self._restyle()  # the ring is part of the cached layer (none in privacy mode)

    def target_ring(self) -> tuple[int, bool] | None:
        """The ring shown: (filled steps, reached), or None without a target."""
        return self._ring

    def celebrate(self) -> None:
        """Sparks burst out of the avatar for a moment: the child reached their target."""
        if self._celebration is not None:
            self._celebration.stop()
        animation = QVariantAnimation(self, startValue=0.0, endValue=1.0,
                                      duration=CELEBRATION_MS)
        animation.valueChanged.connect(lambda _value: self.update())
        animation.finished.connect(self._celebrated)
        self._celebration = animation
        animation.start()

    def is_celebrating(self) -> bool:
        return self._celebration is not None

    def _celebrated(self) -> None:
        self._celebration = None
        self.update()

    def set_privacy(self, privacy: bool) -> None:
        """Hide (True) or show the total, on screen and to screen readers."""
        if privacy == self._privacy:
            return
        self._privacy = privacy
        if privacy and self._award_points < 0:
            award_animator().stop(self)
        self._update_accessible_text()
        self._restyle()

    def set_selected(self, selected: bool) -> None:
        if selected == self._selected:
            return
        self._selected = selected
        self._update_accessible_text()
        self._restyle()

    def show_award_animation(self, points: int) -> None:
        """Pop '+N' (or '−N') up out of the avatar for about two seconds."""
        if points == 0 or (self._privacy and points < 0):
            # Privacy mode never shows a needs-work award on the big screen.
            return
        self._award_points = points
        self._rising = None
        award_animator().start(self)

    def is_animating(self) -> bool:
        return award_animator().is_running(self)

    def set_award_progress(self, progress: float) -> None:
        """Where the rising '+N' is, 0.0 to 1.0 (1.0: gone); the award animator calls this.
        Between frames only the badge moves: its old and new places are painted again, not
        the whole tile (a whole-class award animates 28 tiles a frame)."""
        label, before = self._rising, self._award_progress
        self._award_progress = progress
        if label is None or before >= 1.0 or self._face_stale:
            self.update()
            return
        self.update(rising_label_rect(label, before).united(rising_label_rect(label, progress)))

    def _restyle(self) -> None:
        """Something the cached face shows changed: drop it and repaint."""
        self._face_stale = True
        self._rising = None
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
        if self._ring is not None and self._ring[1] and not self._privacy:
            text = self.tr("{text}, today's target reached").format(text=text)
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
            self._restyle()

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

    # No event(): Python for every event of every tile; a finger's tap comes as mouse events.
    def enterEvent(self, event: QEnterEvent) -> None:
        self._restyle()  # the hover look
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._restyle()
        super().leaveEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._restyle()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in _RESTYLING_CHANGES:
            self._pill = None  # its corner follows the layout direction
            self._restyle()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._focus_visible:
            # Someone is using the keyboard: show them where they are.
            self._focus_visible = True
            self._restyle()
        if self.key_handler is not None and self.key_handler(event):
            return
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
        elif reason not in (Qt.FocusReason.ActiveWindowFocusReason,
                            Qt.FocusReason.PopupFocusReason):
            self._focus_visible = True
        self._face_stale = True
        super().focusInEvent(event)  # repaints

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._face_stale = True
        super().focusOutEvent(event)  # repaints

    def sizeHint(self) -> QSize:
        return QSize(160, 200)

    # --- painting ----------------------------------------------------------------------

    def _avatar_pixmap(self, size: int) -> QPixmap:
        dpr = self.devicePixelRatioF()
        key = (self._card.student.avatar, self._card.avatar_path, size, dpr)
        if self._avatar_cache is not None and self._avatar_cache[0] == key:
            return self._avatar_cache[1]
        pixmap = card_avatar(self._card, size, dpr)
        self._avatar_cache = (key, pixmap)
        return pixmap

    def _current_look(self) -> TileLook:
        student = self._card.student
        return TileLook(
            self.width(), self.height(), self.devicePixelRatioF(),
            (student.id, student.display_name, student.avatar, self._card.avatar_path),
            self._selected, self._pressed, self.underMouse(),
            self._focus_visible and self.hasFocus(),
            self.palette().color(QPalette.ColorRole.Window).rgba(),
            None if self._privacy else self._ring)

    def _geometry(self) -> TileGeometry:
        size = (self.width(), self.height())
        if self._geometry_cache is None or self._geometry_cache[0] != size:
            self._geometry_cache = (size, tile_geometry(*size, self.font())[0])
        return self._geometry_cache[1]

    def _points_pill(self) -> tuple[QPointF, QPixmap]:
        geometry = self._geometry()
        dpr = self.devicePixelRatioF()
        key = (self._card.points, geometry.badge, dpr)
        if self._pill is None or self._pill[0] != key:
            at, pixmap = points_pill(self._card.points, self.width() - geometry.pad // 2,
                                     geometry.pad // 2, geometry.badge, self.font().family(),
                                     dpr)
            if self.isRightToLeft():  # in the other top corner, as the grid is mirrored
                at = QPointF(self.width() - at.x() - pixmap.width() / dpr, at.y())
            self._pill = (key, at, pixmap)
        return self._pill[1], self._pill[2]

    def _refresh_face(self) -> QPixmap:
        self._face_stale = False
        look = self._current_look()
        if self._face is None or self._band is None or look != self._look:
            geometry = self._geometry()
            avatar = self._avatar_pixmap(geometry.avatar.width())
            self._face = paint_base_layer(look, self._card, avatar, self.font())
            self._band = pill_band(self._face, geometry.pad, geometry.badge)
            self._look, self._face_pill, fresh = look, None, True
        else:
            fresh = False
        pill = None if self._privacy else self._points_pill()
        shown = None if pill is None else self._pill
        if shown is not self._face_pill:  # a new total, or the total hidden or shown
            paint_pill(self._face, None if fresh else self._band, pill)
            self._face_pill = shown
        return self._face

    def paintEvent(self, event: QPaintEvent) -> None:
        # The whole tile is one cached opaque face: a tile the picker uncovers is one copy.
        # A rising '+N' and the sparks are drawn over it, frame by frame.
        face = self._face
        if face is None or self._face_stale or face.devicePixelRatio() != self.devicePixelRatioF():
            face = self._refresh_face()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, face)
        if self._celebration is not None:
            paint_celebration(painter, self._geometry().avatar,
                              float(self._celebration.currentValue()))
        if self._award_progress < 1.0:
            if self._rising is None:
                self._rising = rising_label(self._geometry().avatar, self._award_points,
                                            self.font(), self.devicePixelRatioF())
            paint_rising_label(painter, self._rising, self._award_progress)
        painter.end()

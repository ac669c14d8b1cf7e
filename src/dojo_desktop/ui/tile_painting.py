"""Painting a student tile: the card, avatar and name (cached), the points, the +N, and the
ring of the child's own target with its celebration."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen, QPixmap

from dojo_desktop.services.views import StudentCard
from dojo_desktop.ui.award_animation import award_animator, award_look
from dojo_desktop.ui.undo_toast import points_text

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
# The target ring: a quiet track, a blue fill, all gold once reached.
_RING_TRACK = QColor(229, 231, 235, 200)
_RING_FILL = QColor("#0284C7")
_RING_REACHED = QColor("#F59E0B")
RING_STEPS = 60  # the ring moves in steps of 6 degrees: few pixmaps to cache


@dataclass(frozen=True)
class TileLook:
    """Everything the cached layer of a tile depends on; a new look means a new cache."""

    width: int
    height: int
    device_pixel_ratio: float
    card_key: tuple[str, str, str, str | None]
    selected: bool
    pressed: bool
    hovered: bool
    focus_ring: bool
    background: int  # the colour behind the tile (ARGB): the layer is opaque, so a plain copy
    target_ring: tuple[int, bool] | None = None  # (filled steps, reached); None: not shown


@dataclass(frozen=True)
class TileGeometry:
    """Where things go in a tile of a given size."""

    pad: int
    radius: float
    badge: int
    avatar: QRect
    name: QRect


def tile_geometry(width: int, height: int, font: QFont) -> tuple[TileGeometry, QFont]:
    short = min(width, height)
    pad = max(4, round(short * 0.06))
    name_font = QFont(font)
    name_font.setBold(True)
    name_font.setPixelSize(max(12, round(height * 0.115)))
    name_height = QFontMetrics(name_font).height()
    avatar_side = max(8, min(width - 2 * pad, height - 3 * pad - name_height))
    avatar = QRect((width - avatar_side) // 2, pad, avatar_side, avatar_side)
    name = QRect(pad, avatar.bottom() + pad, width - 2 * pad, height - avatar.bottom() - 2 * pad)
    geometry = TileGeometry(pad, short * 0.09, max(16, round(short * 0.2)), avatar, name)
    return geometry, name_font


def paint_base_layer(look: TileLook, card: StudentCard, avatar: QPixmap,
                     font: QFont) -> QPixmap:
    """The parts of a tile that change rarely, as one pixmap the tile blits on repaint."""
    dpr = look.device_pixel_ratio
    pixmap = QPixmap(round(look.width * dpr), round(look.height * dpr))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(QColor.fromRgba(look.background))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    geometry, name_font = tile_geometry(look.width, look.height, font)
    _paint_card(painter, QRectF(0, 0, look.width, look.height), geometry.radius, look)
    painter.drawPixmap(geometry.avatar, avatar)
    if look.target_ring is not None:
        # In the layer, not on it: a ring changes after a recount, a tile repaints per tap.
        painter.drawPixmap(*target_ring(geometry.avatar, *look.target_ring, dpr))
    _paint_name(painter, card, name_font, geometry.name)
    if look.selected:
        pad, badge = geometry.pad, geometry.badge
        paint_check(painter, QRectF(pad / 2, pad / 2, badge, badge))
    painter.end()
    return pixmap


def pill_band(layer: QPixmap, pad: int, badge: int) -> QPixmap:
    """The top rows of ``layer``, where the points pill goes (``pad`` and ``badge`` of its
    ``TileGeometry``), the whole width: a new total is painted on the layer over this copy,
    so a tile keeps one full-size pixmap (its face) rather than the layer and the face."""
    dpr = layer.devicePixelRatio()
    lowest = pad // 2 + badge + _pill_margin(badge)  # the pill's outline, at its bottom
    rows = min(layer.height(), math.ceil(lowest * dpr) + 2)  # +2: positions are rounded
    band = layer.copy(0, 0, layer.width(), rows)
    band.setDevicePixelRatio(dpr)
    return band


def paint_pill(face: QPixmap, band: QPixmap | None,
               pill: tuple[QPointF, QPixmap] | None) -> None:
    """Put the points ``pill`` (where, what; none when hidden) on ``face``, a tile's layer:
    its ``pill_band`` goes back first, which clears the pill painted before (none: the
    layer has no pill on it yet)."""
    painter = QPainter(face)
    if band is not None:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.drawPixmap(0, 0, band)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
    if pill is not None:
        painter.drawPixmap(*pill)
    painter.end()


def fit_text(candidates: list[str], font: QFont, width: int) -> tuple[str, QFont]:
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


def _paint_card(painter: QPainter, rect: QRectF, radius: float, look: TileLook) -> None:
    fill = _CARD
    border = QPen(_CARD_BORDER, 1.5)
    if look.selected:
        fill = _SELECTED
        border = QPen(_SELECTED_BORDER, 3)
    if look.pressed:
        fill = fill.darker(108) if look.selected else _PRESSED
    elif look.hovered and not look.selected:
        fill = _HOVER
    inset = border.widthF() / 2
    painter.setPen(border)
    painter.setBrush(fill)
    painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), radius, radius)
    if look.focus_ring:
        # Two rings, dark then white, so the focus shows on any background or projector.
        ring = max(4.0, min(rect.width(), rect.height()) * 0.03)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(_FOCUS, ring))
        outer = rect.adjusted(ring / 2, ring / 2, -ring / 2, -ring / 2)
        painter.drawRoundedRect(outer, radius, radius)
        painter.setPen(QPen(QColor("white"), 2))
        inner = outer.adjusted(ring / 2 + 1, ring / 2 + 1, -ring / 2 - 1, -ring / 2 - 1)
        painter.drawRoundedRect(inner, radius * 0.8, radius * 0.8)

def _paint_name(painter: QPainter, card: StudentCard, font: QFont, rect: QRect) -> None:
    student = card.student
    candidates = [student.display_name]
    if student.last_name and student.first_name:
        candidates += [f"{student.first_name} {student.last_name[:1]}.", student.first_name]
    name, font = fit_text(candidates, font, rect.width())
    painter.setFont(font)
    painter.setPen(_NAME)
    painter.drawText(
        rect,
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
        QFontMetrics(font).elidedText(name, Qt.TextElideMode.ElideRight, rect.width()),
    )

def points_pill(points: int, right: int, top: int, height: int, family: str,
                dpr: float) -> tuple[QPointF, QPixmap]:
    """The points pill ``height`` tall with its right edge at ``right``: where and what."""
    pill = _points_pill(points_text(points).removeprefix("+"), height, family, dpr)
    margin = _pill_margin(height)
    width = pill.width() / pill.devicePixelRatio()
    return QPointF(right - width + margin, top - margin), pill


def _pill_margin(height: int) -> float:
    return max(2.0, height * 0.08) / 2  # half the white outline lies outside the pill


@lru_cache(maxsize=256)
def _points_pill(text: str, height: int, family: str, dpr: float) -> QPixmap:
    font = QFont(family)
    font.setBold(True)
    font.setPixelSize(max(11, round(height * 0.68)))
    text_width = QFontMetrics(font).horizontalAdvance(text)
    pill_width = max(height, text_width + height * 0.7)
    margin = _pill_margin(height)
    pixmap = QPixmap(round((pill_width + 2 * margin) * dpr), round((height + 2 * margin) * dpr))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    pill = QRectF(margin, margin, pill_width, height)
    painter.setPen(QPen(QColor("white"), margin * 2))
    painter.setBrush(_PILL)
    painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap

def paint_check(painter: QPainter, rect: QRectF) -> None:
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

def paint_rising_points(painter: QPainter, avatar_rect: QRect, points: int, progress: float,
                        base_font: QFont) -> None:
    """The '+N' badge popping up out of the avatar, staying, then fading; ``progress`` runs
    from 0 to 1 (see ``award_animation.award_look``)."""
    label = rising_label(avatar_rect, points, base_font, painter.device().devicePixelRatioF())
    paint_rising_label(painter, label, progress)


@dataclass(frozen=True)
class RisingLabel:
    """The '+N' badge of one award and where it starts; only its rise and fade change from
    frame to frame, so a tile keeps this for the whole animation."""

    pixmap: QPixmap
    at: QPointF  # top left before it rises
    rise: float  # how far it rises, all the way up


def rising_label(avatar_rect: QRect, points: int, base_font: QFont, dpr: float) -> RisingLabel:
    """The badge for ``points`` over ``avatar_rect``.

    Drawn once into a pixmap and only moved and faded per frame: a whole-class award
    animates 28 tiles at once. Its size is the larger of the avatar's share and what reads
    from the class's distance (the animator's ``text_px``).
    """
    size = max(16, round(avatar_rect.height() * 0.42),
               min(award_animator().text_px, round(avatar_rect.height() * 0.75)))
    label = _rising_label(points_text(points), size, points > 0, base_font.family(), dpr)
    width, height = label.width() / dpr, label.height() / dpr
    centre = QRectF(avatar_rect).translated(0, avatar_rect.height() * 0.1).center()
    return RisingLabel(label, QPointF(centre.x() - width / 2, centre.y() - height / 2),
                       avatar_rect.height() * 0.3)


def rising_label_rect(label: RisingLabel, progress: float) -> QRect:
    """Where ``label`` is drawn at ``progress``, in whole pixels with a pixel to spare (its
    antialiased rim): between two frames only this much of a tile changes."""
    rise_fraction, _opacity = award_look(progress)
    dpr = label.pixmap.devicePixelRatio()
    area = QRectF(label.at.x(), label.at.y() - label.rise * rise_fraction,
                  label.pixmap.width() / dpr, label.pixmap.height() / dpr)
    return area.toAlignedRect().adjusted(-1, -1, 1, 1)


def paint_rising_label(painter: QPainter, label: RisingLabel, progress: float) -> None:
    """``label`` as it shows at ``progress`` (0 to 1): risen and faded so far."""
    rise_fraction, opacity = award_look(progress)
    at = QPointF(label.at.x(), label.at.y() - label.rise * rise_fraction)
    if opacity >= 1.0:  # most of its time: drawn as it is, without a constant-alpha pass
        painter.drawPixmap(at, label.pixmap)
        return
    painter.setOpacity(opacity)
    painter.drawPixmap(at, label.pixmap)
    painter.setOpacity(1.0)


@lru_cache(maxsize=64)
def _rising_label(text: str, pixel_size: int, positive: bool, family: str,
                  dpr: float) -> QPixmap:
    """White digits on a solid badge with a white rim: it reads on any avatar and card."""
    font = QFont(family)
    font.setBold(True)
    font.setPixelSize(pixel_size)
    metrics = QFontMetrics(font)
    rim = max(3.0, pixel_size * 0.06)
    pad_x, pad_y = pixel_size * 0.28, pixel_size * 0.06
    width = metrics.horizontalAdvance(text) + 2 * (pad_x + rim)
    height = metrics.ascent() + metrics.descent() + 2 * (pad_y + rim)
    pixmap = QPixmap(round(width * dpr), round(height * dpr))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    badge = QRectF(rim / 2, rim / 2, width - rim, height - rim)
    painter.setPen(QPen(QColor("white"), rim))
    painter.setBrush(_RISE_POSITIVE if positive else _RISE_NEEDS_WORK)
    painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
    path = QPainterPath()
    path.addText(QPointF(rim + pad_x, rim + pad_y + metrics.ascent()), font, text)
    painter.fillPath(path, QColor("white"))
    painter.end()
    return pixmap


def ring_step(fraction: float) -> int:
    """How many of :data:`RING_STEPS` the ring shows filled for ``fraction`` (0.0 to 1.0);
    a start shows at least one step, and only a full target fills the ring."""
    if fraction <= 0.0:
        return 0
    if fraction >= 1.0:
        return RING_STEPS
    return min(RING_STEPS - 1, max(1, round(fraction * RING_STEPS)))


def target_ring(avatar_rect: QRect, step: int, reached: bool,
                dpr: float) -> tuple[QPointF, QPixmap]:
    """The ring around the avatar, ``step`` of :data:`RING_STEPS` filled: where and what."""
    pixmap = _target_ring(avatar_rect.width(), step, reached, dpr)
    return QPointF(avatar_rect.topLeft()), pixmap


@lru_cache(maxsize=256)
def _target_ring(side: int, step: int, reached: bool, dpr: float) -> QPixmap:
    pixmap = QPixmap(round(side * dpr), round(side * dpr))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    width = max(3.0, side * 0.07)
    rect = QRectF(width / 2, width / 2, side - width, side - width)
    pen = QPen(_RING_TRACK, width)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(rect)
    if step > 0:
        pen = QPen(_RING_REACHED if reached else _RING_FILL, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        # Qt's angles are sixteenths of a degree, anticlockwise: start at 12 o'clock and
        # fill clockwise.
        painter.drawArc(rect, 90 * 16, -round(step * 360 * 16 / RING_STEPS))
    painter.end()
    return pixmap


def paint_celebration(painter: QPainter, avatar_rect: QRect, progress: float) -> None:
    """Gold sparks bursting out of the avatar and fading; ``progress`` runs from 0 to 1."""
    centre = QRectF(avatar_rect).center()
    radius = avatar_rect.width() / 2
    spark = max(3.0, radius * 0.12) * (1.0 - progress * 0.5)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setOpacity(1.0 - progress)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_RING_REACHED)
    reach = radius * (0.9 + 0.35 * progress)
    for i in range(12):
        angle = math.radians(i * 30 + 15 * progress)
        at = QPointF(centre.x() + reach * math.cos(angle), centre.y() + reach * math.sin(angle))
        painter.drawEllipse(at, spark, spark)
    painter.restore()

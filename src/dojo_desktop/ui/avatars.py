"""Cheerful round creature avatars for students, painted in code with QPainter.

``AVATAR_COUNT`` comes from the catalogue in ``avatar_specs.py``."""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap, QTransform

from dojo_desktop.ui.avatar_specs import (
    AVATAR_COUNT as AVATAR_COUNT,
)
from dojo_desktop.ui.avatar_specs import (
    ORANGE,
    PINK,
    SPECS,
    YELLOW,
    AvatarSpec,
    Eyes,
    Marks,
    Mouth,
    Top,
)

# Every shape is laid out on a 100 x 100 grid and scaled to the target rect.
_GRID = 100.0
_CENTRE = QPointF(50.0, 50.0)
_DISC = QRectF(0.0, 0.0, _GRID, _GRID)
_BODY_RADIUS = 35.0
_BODY_CENTRE_Y = 60.0

_INK = QColor("#2B2340")
_WHITE = QColor("#FFFFFF")
_TONGUE = QColor("#FF7A93")
_IVORY = QColor("#FFE2A8")
_GOLD = QColor("#FFD166")
_SPROUT = QColor("#2E9E5B")
_BLUSH = QColor(255, 105, 140, 105)




def _disc_point(angle_deg: float) -> QPointF:
    """The point on the avatar's rim at a Qt angle (counter-clockwise from 3 o'clock)."""
    rad = math.radians(angle_deg)
    return QPointF(50.0 + 50.0 * math.cos(rad), 50.0 - 50.0 * math.sin(rad))


def _rim_angle_below(x: float) -> float:
    """The Qt angle of the rim point in the lower half whose x coordinate is ``x``."""
    return -math.degrees(math.acos((x - 50.0) / 50.0))


def _mirror(path: QPainterPath) -> QPainterPath:
    """The path reflected left to right about the avatar's vertical centre line."""
    return QTransform(-1.0, 0.0, 0.0, 1.0, _GRID, 0.0).map(path)


def _circle(painter: QPainter, centre: QPointF, radius: float, color: QColor) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(centre, radius, radius)


def _fill(painter: QPainter, path: QPainterPath, color: QColor, rounding: float = 0.0) -> None:
    """Fill ``path``; a same-coloured round-joined outline softens its corners."""
    if rounding > 0.0:
        pen = QPen(color, rounding)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawPath(path)


def _stroke(painter: QPainter, path: QPainterPath, color: QColor, width: float) -> None:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)


def _body_path() -> QPainterPath:
    """A dome that rises from the bottom of the disc and follows its rim exactly."""
    left = 50.0 - _BODY_RADIUS
    right = 50.0 + _BODY_RADIUS
    top = _BODY_CENTRE_Y - _BODY_RADIUS
    size = 2.0 * _BODY_RADIUS
    right_angle = _rim_angle_below(right)
    left_angle = _rim_angle_below(left)
    path = QPainterPath(QPointF(left, _BODY_CENTRE_Y))
    path.arcTo(QRectF(left, top, size, size), 180.0, -180.0)
    path.lineTo(_disc_point(right_angle))
    path.arcTo(_DISC, right_angle, left_angle - right_angle)
    path.closeSubpath()
    return path


def _paint_top(painter: QPainter, spec: AvatarSpec, body: QColor) -> None:
    """Ears, horns and the like; painted before the body so it hides their roots."""
    inner = body.lighter(135)
    if spec.top is Top.ROUND_EARS:
        for x in (22.0, 78.0):
            _circle(painter, QPointF(x, 31.0), 11.0, body)
            _circle(painter, QPointF(x, 31.0), 5.5, inner)
    elif spec.top is Top.CAT_EARS:
        ear = QPainterPath(QPointF(18.0, 48.0))
        ear.lineTo(21.0, 14.0)
        ear.lineTo(46.0, 30.0)
        ear.closeSubpath()
        ear_inner = QPainterPath(QPointF(24.0, 36.0))
        ear_inner.lineTo(25.0, 22.0)
        ear_inner.lineTo(36.0, 29.0)
        ear_inner.closeSubpath()
        for outer_path, inner_path in ((ear, ear_inner), (_mirror(ear), _mirror(ear_inner))):
            _fill(painter, outer_path, body, rounding=6.0)
            _fill(painter, inner_path, inner, rounding=4.0)
    elif spec.top is Top.HORNS:
        horn = QPainterPath(QPointF(27.0, 36.0))
        horn.quadTo(19.0, 24.0, 23.0, 10.0)
        horn.quadTo(31.0, 21.0, 41.0, 28.0)
        horn.closeSubpath()
        _fill(painter, horn, _IVORY, rounding=3.0)
        _fill(painter, _mirror(horn), _IVORY, rounding=3.0)
    elif spec.top is Top.ANTENNAE:
        stalk = QPainterPath(QPointF(41.0, 30.0))
        stalk.quadTo(36.0, 18.0, 30.0, 13.0)
        stem_color = body.darker(135)
        ball = _GOLD if spec.body not in (YELLOW, ORANGE) else QColor(PINK)
        for path in (stalk, _mirror(stalk)):
            _stroke(painter, path, stem_color, 3.5)
        for x in (30.0, 70.0):
            _circle(painter, QPointF(x, 12.0), 6.0, ball)
    elif spec.top is Top.SPROUT:
        stem = QPainterPath(QPointF(50.0, 28.0))
        stem.quadTo(49.0, 20.0, 51.0, 13.0)
        _stroke(painter, stem, _SPROUT, 3.5)
        leaf = QPainterPath(QPointF(51.0, 14.0))
        leaf.quadTo(44.0, 2.0, 33.0, 8.0)
        leaf.quadTo(40.0, 18.0, 51.0, 14.0)
        _fill(painter, leaf, _SPROUT, rounding=1.5)
        _fill(painter, _mirror(leaf).translated(2.0, -2.0), _SPROUT, rounding=1.5)
    elif spec.top is Top.TUFT:
        tuft = QPainterPath(QPointF(36.0, 30.0))
        tuft.lineTo(40.0, 13.0)
        tuft.lineTo(47.0, 26.0)
        tuft.lineTo(52.0, 8.0)
        tuft.lineTo(57.0, 26.0)
        tuft.lineTo(64.0, 14.0)
        tuft.lineTo(66.0, 31.0)
        tuft.closeSubpath()
        _fill(painter, tuft, body.darker(112), rounding=5.0)
    elif spec.top is Top.UNICORN:
        horn = QPainterPath(QPointF(42.0, 30.0))
        horn.lineTo(50.0, 5.0)
        horn.lineTo(58.0, 30.0)
        horn.closeSubpath()
        _fill(painter, horn, _GOLD, rounding=4.0)
        stripes = QPainterPath(QPointF(45.5, 22.0))
        stripes.lineTo(54.0, 18.0)
        stripes.moveTo(47.5, 14.0)
        stripes.lineTo(52.5, 11.5)
        _stroke(painter, stripes, _GOLD.darker(125), 2.0)
    elif spec.top is Top.BUNNY_EARS:
        for x, tilt in ((37.0, -14.0), (63.0, 14.0)):
            painter.save()
            painter.translate(x, 22.0)
            painter.rotate(tilt)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(body)
            painter.drawEllipse(QPointF(0.0, 0.0), 7.5, 14.5)
            painter.setBrush(inner)
            painter.drawEllipse(QPointF(0.0, 1.0), 3.5, 10.0)
            painter.restore()


def _paint_marks(painter: QPainter, spec: AvatarSpec, body: QColor) -> None:
    if spec.marks is Marks.CHEEKS:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_BLUSH)
        for x in (27.0, 73.0):
            painter.drawEllipse(QPointF(x, 69.0), 5.5, 3.6)
    elif spec.marks is Marks.SPOTS:
        spot = body.lighter(125)
        for x, y, r in (
            (24.0, 75.0, 4.5),
            (31.0, 85.0, 3.0),
            (77.0, 72.0, 3.5),
            (71.0, 84.0, 5.0),
            (61.0, 31.0, 3.0),
            (38.0, 33.0, 2.2),
        ):
            _circle(painter, QPointF(x, y), r, spot)
    elif spec.marks is Marks.BELLY:
        start, end = -120.0, -60.0
        belly = QPainterPath(_disc_point(end))
        belly.quadTo(QPointF(50.0, 78.0), _disc_point(start))
        belly.arcTo(_DISC, start, end - start)
        belly.closeSubpath()
        _fill(painter, belly, body.lighter(130))


def _eye(painter: QPainter, centre: QPointF, radius: float, rim: QColor) -> None:
    """A round eye looking slightly down and to the side, with a catch-light."""
    pen = QPen(rim, max(1.0, radius * 0.16))
    painter.setPen(pen)
    painter.setBrush(_WHITE)
    painter.drawEllipse(centre, radius, radius)
    pupil = centre + QPointF(radius * 0.12, radius * 0.14)
    _circle(painter, pupil, radius * 0.56, _INK)
    _circle(painter, pupil + QPointF(-radius * 0.2, -radius * 0.22), radius * 0.2, _WHITE)


def _sleepy_eye(painter: QPainter, centre: QPointF, half_width: float) -> None:
    """A closed, resting eye drawn as a downward curve."""
    lid = QPainterPath(centre + QPointF(-half_width, -1.5))
    lid.quadTo(centre + QPointF(0.0, half_width * 1.2), centre + QPointF(half_width, -1.5))
    _stroke(painter, lid, _INK, 4.0)


def _happy_eye(painter: QPainter, centre: QPointF, half_width: float) -> None:
    """A closed, smiling eye drawn as an upward arch."""
    arch = QPainterPath(centre + QPointF(-half_width, 2.5))
    arch.quadTo(centre + QPointF(0.0, -half_width * 1.3), centre + QPointF(half_width, 2.5))
    _stroke(painter, arch, _INK, 4.0)


def _dot_eye(painter: QPainter, centre: QPointF) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_INK)
    painter.drawEllipse(centre, 4.8, 6.2)
    _circle(painter, centre + QPointF(-1.4, -2.2), 1.7, _WHITE)


def _paint_eyes(painter: QPainter, spec: AvatarSpec, body: QColor) -> None:
    rim = body.darker(140)
    left, right = QPointF(37.0, 53.0), QPointF(63.0, 53.0)
    if spec.eyes is Eyes.TWO:
        _eye(painter, left, 9.0, rim)
        _eye(painter, right, 9.0, rim)
    elif spec.eyes is Eyes.ONE:
        _eye(painter, QPointF(50.0, 50.0), 14.0, rim)
    elif spec.eyes is Eyes.THREE:
        _eye(painter, QPointF(33.0, 56.0), 7.5, rim)
        _eye(painter, QPointF(50.0, 45.0), 8.5, rim)
        _eye(painter, QPointF(67.0, 56.0), 7.5, rim)
    elif spec.eyes is Eyes.SLEEPY:
        _sleepy_eye(painter, left, 7.5)
        _sleepy_eye(painter, right, 7.5)
    elif spec.eyes is Eyes.HAPPY:
        _happy_eye(painter, left, 7.0)
        _happy_eye(painter, right, 7.0)
    elif spec.eyes is Eyes.DOTS:
        _dot_eye(painter, left + QPointF(2.0, 1.0))
        _dot_eye(painter, right + QPointF(-2.0, 1.0))
    elif spec.eyes is Eyes.WINK:
        _eye(painter, left, 9.0, rim)
        _happy_eye(painter, right, 7.0)


def _open_mouth() -> QPainterPath:
    mouth = QPainterPath(QPointF(36.0, 68.0))
    mouth.cubicTo(39.0, 89.0, 61.0, 89.0, 64.0, 68.0)
    mouth.quadTo(50.0, 72.0, 36.0, 68.0)
    mouth.closeSubpath()
    return mouth


def _paint_mouth(painter: QPainter, spec: AvatarSpec) -> None:
    if spec.mouth is Mouth.SMILE or spec.mouth is Mouth.FANG:
        smile = QPainterPath(QPointF(39.0, 70.0))
        smile.quadTo(50.0, 81.0, 61.0, 70.0)
        if spec.mouth is Mouth.FANG:
            fang = QPainterPath(QPointF(52.5, 75.2))
            fang.lineTo(58.5, 72.2)
            fang.lineTo(57.0, 81.0)
            fang.closeSubpath()
            pen = QPen(_INK, 1.2)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(_WHITE)
            painter.drawPath(fang)
        _stroke(painter, smile, _INK, 4.0)
    elif spec.mouth is Mouth.CAT:
        cat = QPainterPath(QPointF(39.0, 69.0))
        cat.quadTo(44.5, 77.0, 50.0, 70.0)
        cat.quadTo(55.5, 77.0, 61.0, 69.0)
        _stroke(painter, cat, _INK, 3.6)
    else:
        mouth = _open_mouth()
        _fill(painter, mouth, _INK, rounding=2.0)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_TONGUE)
        painter.drawEllipse(QPointF(50.0, 79.0), 7.5, 3.6)
        if spec.mouth is Mouth.TOOTH:
            tooth = QPainterPath(QPointF(45.5, 69.5))
            tooth.lineTo(54.5, 69.5)
            tooth.lineTo(54.5, 74.0)
            tooth.quadTo(54.5, 76.5, 52.0, 76.5)
            tooth.lineTo(48.0, 76.5)
            tooth.quadTo(45.5, 76.5, 45.5, 74.0)
            tooth.closeSubpath()
            _fill(painter, tooth, _WHITE)


def paint_drawn_avatar(painter: QPainter, rect: QRectF, index: int) -> None:
    """Paint avatar ``index % AVATAR_COUNT`` as a disc filling the square centred in ``rect``."""
    spec = SPECS[index % AVATAR_COUNT]
    body = QColor(spec.body)
    side = min(rect.width(), rect.height())
    if side <= 0.0:
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(rect.center())
    painter.scale(side / _GRID, side / _GRID)
    painter.translate(-_CENTRE)
    _circle(painter, _CENTRE, 50.0, QColor(spec.background))
    _paint_top(painter, spec, body)
    _fill(painter, _body_path(), body)
    _paint_marks(painter, spec, body)
    _paint_eyes(painter, spec, body)
    _paint_mouth(painter, spec)
    painter.restore()


@lru_cache(maxsize=256)
def _cached_pixmap(index: int, size: int, device_pixel_ratio: float) -> QPixmap:
    side = max(1, round(size * device_pixel_ratio))
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        paint_drawn_avatar(painter, QRectF(0.0, 0.0, side, side), index)
    finally:
        painter.end()
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap


def drawn_avatar_pixmap(index: int, size: int, device_pixel_ratio: float = 1.0) -> QPixmap:
    """A transparent ``size`` x ``size`` (logical pixels) pixmap of avatar ``index``, cached."""
    return _cached_pixmap(index % AVATAR_COUNT, size, device_pixel_ratio)

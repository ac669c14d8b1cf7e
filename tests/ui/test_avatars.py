"""Drawn avatars: each paints a clean, filled disc; all of them look different."""

from __future__ import annotations

import itertools
import math

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from dojo_desktop.ui.avatars import AVATAR_COUNT, drawn_avatar_pixmap, paint_drawn_avatar

SIZE = 64


def render(index: int, width: int = SIZE, height: int = SIZE) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        paint_drawn_avatar(painter, QRectF(0, 0, width, height), index)
    finally:
        painter.end()
    return image


def pixels(index: int) -> bytes:
    image = render(index)
    # Copy while ``image`` is alive: the view from constBits() does not keep it alive.
    return bytes(image.constBits())


def alpha_map(image: QImage) -> list[list[int]]:
    return [
        [image.pixelColor(x, y).alpha() for x in range(image.width())]
        for y in range(image.height())
    ]


def test_there_are_enough_avatars_for_a_class() -> None:
    assert AVATAR_COUNT >= 24


@pytest.mark.parametrize("index", range(AVATAR_COUNT))
def test_avatar_is_an_opaque_disc(qapp: QApplication, index: int) -> None:
    alpha = alpha_map(render(index))
    centre = SIZE / 2
    inside = inside_opaque = outside_painted = 0
    for y, row in enumerate(alpha):
        for x, a in enumerate(row):
            distance = math.hypot(x + 0.5 - centre, y + 0.5 - centre)
            if distance <= centre - 1.5:
                inside += 1
                inside_opaque += a == 255
            elif distance >= centre + 0.75:
                outside_painted += a > 0
    assert inside_opaque / inside > 0.99
    assert outside_painted == 0
    for x, y in ((0, 0), (SIZE - 1, 0), (0, SIZE - 1), (SIZE - 1, SIZE - 1)):
        assert alpha[y][x] == 0


def test_all_avatars_differ(qapp: QApplication) -> None:
    images = [pixels(i) for i in range(AVATAR_COUNT)]
    assert len(set(images)) == AVATAR_COUNT
    # Not just different bytes: any two must differ in a fair share of their pixels.
    pixel_count = SIZE * SIZE
    for (i, a), (j, b) in itertools.combinations(enumerate(images), 2):
        differing = sum(a[k : k + 4] != b[k : k + 4] for k in range(0, len(a), 4))
        assert differing > pixel_count * 0.05, (i, j)


def test_index_wraps_around(qapp: QApplication) -> None:
    assert pixels(AVATAR_COUNT) == pixels(0)
    assert pixels(-1) == pixels(AVATAR_COUNT - 1)


def test_non_square_rect_paints_the_centred_square(qapp: QApplication) -> None:
    alpha = alpha_map(render(3, width=2 * SIZE, height=SIZE))
    left_margin = SIZE // 2
    for row in alpha:
        assert not any(row[: left_margin - 1])
        assert not any(row[left_margin + SIZE + 1 :])
    assert alpha[SIZE // 2][SIZE] == 255


@pytest.mark.parametrize("size", [32, 400])
def test_avatar_paints_at_small_and_large_sizes(qapp: QApplication, size: int) -> None:
    image = render(5, size, size)
    assert image.pixelColor(size // 2, size // 2).alpha() == 255
    assert image.pixelColor(0, 0).alpha() == 0


def test_pixmap_has_device_pixels_and_is_cached(qapp: QApplication) -> None:
    pixmap = drawn_avatar_pixmap(7, 40, 2.0)
    assert (pixmap.width(), pixmap.height()) == (80, 80)
    assert pixmap.devicePixelRatio() == 2.0
    assert pixmap.hasAlphaChannel()
    again = drawn_avatar_pixmap(7 + AVATAR_COUNT, 40, 2.0)
    assert again.cacheKey() == pixmap.cacheKey()
    image = pixmap.toImage()
    assert image.pixelColor(0, 0).alpha() == 0
    assert image.pixelColor(40, 40).alpha() == 255

"""The avatar a child's card shows: their photo, else their drawn creature."""

from __future__ import annotations

import zlib

from PySide6.QtGui import QPixmap

from dojo_desktop.services.views import StudentCard
from dojo_desktop.ui.avatars import AVATAR_COUNT, drawn_avatar_pixmap
from dojo_desktop.ui.resources import circle_photo


def _drawn_index(card: StudentCard) -> int:
    kind, _, value = card.student.avatar.partition(":")
    if kind == "drawn" and value.isdigit():
        return int(value) % AVATAR_COUNT
    # A stable pick from the id, so a missing photo never makes tiles swap faces.
    return zlib.crc32(card.id.encode()) % AVATAR_COUNT


def card_avatar(card: StudentCard, size: int, device_pixel_ratio: float) -> QPixmap:
    """The child's avatar as their tile shows it: their photo, else their drawn creature."""
    pixmap = circle_photo(card.avatar_path, size, device_pixel_ratio) if card.avatar_path \
        else None
    return pixmap or drawn_avatar_pixmap(_drawn_index(card), size, device_pixel_ratio)

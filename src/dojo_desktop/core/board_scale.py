"""How big the app draws on a screen: its type, controls and the '+N', worked out from the
screen's physical size and how far away the class reads it."""

from __future__ import annotations

import math
from dataclasses import dataclass

TOUCH_TARGET_MM = 15.0
MM_PER_INCH = 25.4
BOARD_DIAGONAL_IN = 75.0  # the board assumed when a large screen does not say its size
BOARD_MIN_DIAGONAL_IN = 40.0  # from this size on, a screen is read from across the room
BOARD_DISTANCE_M = 6.0  # the back of a classroom
LAPTOP_DISTANCE_M = 0.6  # a teacher at a desk
DISTANCE_CHOICES_M = (0.6, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
# Type that looks as big from ``d`` metres as 4.2 mm type (17 px on a 15.6-inch laptop)
# from 0.6 m.
TEXT_MM_PER_M = 7.0
# The '+N' is a sign, not text to read: 8 mm of capital height a metre (the sign-maker's
# inch per ten feet), so a child at the back sees their points.
AWARD_CAP_MM_PER_M = 8.0
CAP_HEIGHT_OF_EM = 0.7
# Rows of text a screen must hold: type never grows past a window's height over this.
ROWS_PER_WINDOW = 34
MIN_TEXT_PX = 14
_FALLBACK_DPI = 96.0


@dataclass(frozen=True)
class ScreenSize:
    """A screen's available pixels and, when it reports them, its millimetres."""

    width_px: int
    height_px: int
    width_mm: float = 0.0
    height_mm: float = 0.0

    def pixels_per_mm(self) -> float:
        """From the reported size when plausible; a 4K-wide screen that reports nothing
        is taken as the usual 75-inch board, anything else as 96 dpi."""
        if self.width_mm > 0 and self.height_mm > 0:
            dpi = self.width_px / self.width_mm * MM_PER_INCH
            if 40.0 <= dpi <= 600.0:
                return self.width_px / self.width_mm
        if self.width_px >= 3000:
            diagonal_px = math.hypot(self.width_px, self.height_px)
            return diagonal_px / (BOARD_DIAGONAL_IN * MM_PER_INCH)
        return _FALLBACK_DPI / MM_PER_INCH

    def diagonal_in(self) -> float:
        return math.hypot(self.width_px, self.height_px) / self.pixels_per_mm() / MM_PER_INCH


def board_screen(width_px: int = 3840, height_px: int = 2160,
                 diagonal_in: float = BOARD_DIAGONAL_IN) -> ScreenSize:
    """A 16:9 screen of ``diagonal_in`` inches (by default the 75-inch 4K board)."""
    diagonal_mm = diagonal_in * MM_PER_INCH
    ratio = diagonal_mm / math.hypot(width_px, height_px)
    return ScreenSize(width_px, height_px, width_px * ratio, height_px * ratio)


def is_board(screen: ScreenSize) -> bool:
    """A screen read from across the room rather than from a desk."""
    return screen.diagonal_in() >= BOARD_MIN_DIAGONAL_IN


def default_distance_m(screen: ScreenSize) -> float:
    return BOARD_DISTANCE_M if is_board(screen) else LAPTOP_DISTANCE_M


@dataclass(frozen=True)
class Scale:
    """Every size the app draws at, in logical pixels."""

    pixels_per_mm: float
    distance_m: float
    board: bool
    text_px: int  # body text
    touch_px: int  # 15 mm: nothing a finger presses is smaller
    control_px: int  # a button's or a row's height
    award_px: int  # the '+N''s font size

    @property
    def heading_px(self) -> int:
        return round(self.text_px * 1.5)

    @property
    def small_px(self) -> int:
        return max(MIN_TEXT_PX - 2, round(self.text_px * 0.85))

    @property
    def radius_px(self) -> int:
        return max(6, self.control_px // 5)

    @property
    def border_px(self) -> int:
        return max(2, round(self.control_px / 30))

    @property
    def focus_px(self) -> int:
        return max(3, round(self.control_px / 18))


def board_scale(screen: ScreenSize, distance_m: float | None = None) -> Scale:
    """The sizes for ``screen`` read from ``distance_m`` (None: the usual distance for a
    screen of that size). Type grows with distance but never past what fits the screen."""
    distance = distance_m if distance_m and distance_m > 0 else default_distance_m(screen)
    per_mm = screen.pixels_per_mm()
    touch = math.ceil(TOUCH_TARGET_MM * per_mm)
    wanted = TEXT_MM_PER_M * distance * per_mm
    text = max(MIN_TEXT_PX, min(round(wanted), screen.height_px // ROWS_PER_WINDOW))
    control = max(touch, round(text * 1.9))
    award = round(AWARD_CAP_MM_PER_M * distance * per_mm / CAP_HEIGHT_OF_EM)
    return Scale(pixels_per_mm=per_mm, distance_m=distance, board=is_board(screen),
                 text_px=text, touch_px=touch, control_px=control,
                 award_px=min(award, screen.height_px // 8))

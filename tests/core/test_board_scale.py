"""The app's scale: type and touch targets from a screen's millimetres and the distance."""

from __future__ import annotations

import pytest

from dojo_desktop.core.board_scale import (
    BOARD_DISTANCE_M,
    LAPTOP_DISTANCE_M,
    TOUCH_TARGET_MM,
    ScreenSize,
    board_scale,
    board_screen,
    default_distance_m,
    is_board,
)

LAPTOP = ScreenSize(1366, 728, 344.2, 183.4)  # 15.6 inches, a taskbar taken off
BOARD = board_screen(3840, 2160)  # 75 inches


def test_a_75_inch_4k_board_is_read_from_6_m_and_a_laptop_from_a_desk() -> None:
    assert BOARD.diagonal_in() == pytest.approx(75.0)
    assert is_board(BOARD) and not is_board(LAPTOP)
    assert default_distance_m(BOARD) == BOARD_DISTANCE_M
    assert default_distance_m(LAPTOP) == LAPTOP_DISTANCE_M


@pytest.mark.parametrize("screen", [LAPTOP, BOARD], ids=["laptop", "board"])
def test_every_control_is_at_least_15_mm_on_the_screen(screen: ScreenSize) -> None:
    scale = board_scale(screen)
    assert scale.touch_px / scale.pixels_per_mm >= TOUCH_TARGET_MM
    assert scale.control_px >= scale.touch_px


def test_type_grows_with_the_distance_but_a_screen_still_holds_its_rows() -> None:
    near, usual, far = (board_scale(BOARD, metres) for metres in (2.0, None, 10.0))
    assert near.text_px < usual.text_px <= far.text_px
    assert far.text_px * 34 <= BOARD.height_px
    # From the back of the room, body text is over 25 mm tall on the board ...
    assert usual.text_px / usual.pixels_per_mm > 25
    # ... and the '+N' is a sign: its capitals are over 45 mm, read from 6 m.
    assert usual.award_px * 0.7 / usual.pixels_per_mm > 45
    laptop = board_scale(LAPTOP)
    assert 14 <= laptop.text_px <= 18
    assert laptop.award_px < usual.award_px


def test_a_screen_that_does_not_say_its_size_is_guessed_from_its_pixels() -> None:
    assert board_scale(ScreenSize(3840, 2160)).board  # the usual 4K board
    assert board_scale(ScreenSize(3840, 2160, 1.0, 1.0)).board  # nonsense millimetres
    unknown = board_scale(ScreenSize(1920, 1080))
    assert not unknown.board
    assert unknown.pixels_per_mm == pytest.approx(96 / 25.4)

"""The noise meter's loudness: silence at the bottom, full scale at the top, decibels in
between; the bar rises at once and falls back gently."""

from __future__ import annotations

import itertools
import math
import sys
from array import array

import pytest

from dojo_desktop.core.noise import loudness, smoothed


def pcm(samples: list[int]) -> bytes:
    data = array("h", samples)
    if sys.byteorder == "big":
        data.byteswap()
    return data.tobytes()


def sine(dbfs: float, n: int = 1600) -> bytes:
    peak = 32767 * 10 ** (dbfs / 20) * math.sqrt(2)  # an RMS of ``dbfs``
    return pcm([round(peak * math.sin(2 * math.pi * 440 * i / 16000)) for i in range(n)])


def test_silence_is_zero_and_full_scale_is_a_hundred() -> None:
    assert loudness(b"") == 0.0
    assert loudness(pcm([0] * 800)) == 0.0
    assert loudness(pcm([32767, -32767] * 400)) == 100.0
    odd = pcm([3000, -3000, 3000])
    assert loudness(odd + b"\x01") == loudness(odd) > 0  # a stray odd byte is left out


@pytest.mark.parametrize(("dbfs", "level"), [(-60, 0), (-45, 25), (-30, 50), (-15, 75),
                                             (-70, 0)])
def test_levels_follow_decibels(dbfs: float, level: float) -> None:
    assert loudness(sine(dbfs)) == pytest.approx(level, abs=1.5)


def test_the_bar_rises_at_once_and_falls_gently() -> None:
    assert smoothed(10, 80) == 80
    falling = [80.0]
    for _ in range(10):
        falling.append(smoothed(falling[-1], 0))
    assert falling[1] == pytest.approx(64)
    assert all(a > b for a, b in itertools.pairwise(falling)) and falling[-1] > 0

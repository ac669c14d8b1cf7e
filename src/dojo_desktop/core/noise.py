"""The noise meter's arithmetic: a loudness from 0 to 100 out of 16-bit microphone samples,
smoothed so the bar rises with a shout and falls back gently."""

from __future__ import annotations

import math
import sys
from array import array

FLOOR_DBFS = -60.0  # a quiet room: the bottom of the bar
TOP_DBFS = 0.0  # the loudest a microphone can record


def loudness(pcm: bytes) -> float:
    """The loudness of little-endian 16-bit mono samples, 0 (silence) to 100 (full scale)."""
    samples = array("h")
    samples.frombytes(pcm[: len(pcm) // 2 * 2])
    if sys.byteorder == "big":
        samples.byteswap()
    if not samples:
        return 0.0
    rms = math.sqrt(sum(s * s for s in samples) / len(samples))
    if rms < 1:
        return 0.0
    dbfs = 20 * math.log10(rms / 32768)
    share = (dbfs - FLOOR_DBFS) / (TOP_DBFS - FLOOR_DBFS)
    return round(100 * min(1.0, max(0.0, share)), 1)


def smoothed(shown: float, heard: float) -> float:
    """The next level to show: up at once, down a fifth of the way at each reading."""
    return heard if heard >= shown else shown + (heard - shown) * 0.2

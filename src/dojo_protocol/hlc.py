"""The packed HLC stamp every event carries: its one grammar, for the server and the app."""

from __future__ import annotations

import re

HLC_WALL_DIGITS = 15
HLC_COUNTER_DIGITS = 6
HLC_MAX_LENGTH = 120
_DEVICE_MAX = HLC_MAX_LENGTH - HLC_WALL_DIGITS - HLC_COUNTER_DIGITS - 2

# ``[0-9]``, never ``\d``: ``\d`` also takes other scripts' digits (such as "١"), which
# ``int`` reads but no peer writes. The device id may not hold whitespace, so a line break
# never hides inside a stamp (the batch check reads a push's stamps as lines of one text).
HLC_PATTERN = (rf"([0-9]{{{HLC_WALL_DIGITS}}})-([0-9]{{{HLC_COUNTER_DIGITS}}})"
               rf"-(\S{{1,{_DEVICE_MAX}}})")
_PACKED = re.compile(HLC_PATTERN)

HLC_PROBLEM = (f"hlc must be written as {HLC_WALL_DIGITS} digits (0-9), "
               f"{HLC_COUNTER_DIGITS} digits (0-9) and the device id, joined by '-'")


def pack_hlc(wall_ms: int, counter: int, device: str) -> str:
    """The packed form, which sorts like the stamp itself."""
    return f"{wall_ms:0{HLC_WALL_DIGITS}d}-{counter:0{HLC_COUNTER_DIGITS}d}-{device}"


def split_hlc(packed: str) -> tuple[int, int, str] | None:
    """Wall ms, counter and device of a packed stamp; None unless it follows the grammar."""
    match = _PACKED.fullmatch(packed)
    if match is None:
        return None
    return int(match[1]), int(match[2]), match[3]


def is_hlc(packed: object) -> bool:
    """True for a string that follows the grammar."""
    return isinstance(packed, str) and _PACKED.fullmatch(packed) is not None

"""Giving freed heap memory back to the operating system (glibc's ``malloc_trim``).

glibc keeps what Python and the libraries free in its arenas, ready for the next
allocation, so the resident size stays at its high-water mark. After a one-off burst of
allocations (the sync stack's imports, its first round) that memory is not needed again
soon: ``malloc_trim(0)`` returns the free pages. Elsewhere (Windows, macOS, musl) this does
nothing.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable

log = logging.getLogger(__name__)

_trim: Callable[[int], int] | None = None
_looked = False


def give_back_free_heap() -> bool:
    """Return the free pages of the C heap to the OS; False where there is no such call.
    Takes a few milliseconds: call it off the GUI thread."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


def _malloc_trim() -> Callable[[int], int] | None:
    global _trim, _looked
    if not _looked:
        _looked = True
        if sys.platform.startswith("linux"):
            try:
                libc = ctypes.CDLL("libc.so.6")
                _trim = libc.malloc_trim  # glibc only: musl has none
                _trim.argtypes, _trim.restype = [ctypes.c_size_t], ctypes.c_int
            except (OSError, AttributeError) as exc:
                log.info("malloc_trim is not available: %s", exc)
                _trim = None
    return _trim

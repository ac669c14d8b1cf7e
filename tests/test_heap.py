"""Freed heap memory goes back to the OS where glibc offers it, and nowhere fails."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from dojo_desktop.heap import give_back_free_heap


def _resident_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def test_freed_heap_goes_back_on_glibc_linux_and_nothing_breaks_elsewhere() -> None:
    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    if not glibc:
        assert give_back_free_heap() is False
        return
    # Many small blocks (below glibc's mmap threshold, so they live in its heap), freed.
    blocks = [bytearray(64 * 1024) for _ in range(800)]
    for block in blocks:
        block[0] = 1
    del blocks[:-1]  # the last one stays, so the heap's top is not free: no automatic trim
    before = _resident_kib()
    assert give_back_free_heap() is True
    assert _resident_kib() < before - 20_000  # most of the ~50 MB freed is returned

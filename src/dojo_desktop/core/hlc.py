"""Hybrid logical clock: wall milliseconds, a counter and the device id."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from dojo_protocol.hlc import pack_hlc, split_hlc


@dataclass(frozen=True, order=True)
class Hlc:
    """One timestamp. Orders by wall time, then counter, then device id."""

    wall_ms: int
    counter: int
    device: str

    def pack(self) -> str:
        """A string that sorts like the timestamp itself."""
        return pack_hlc(self.wall_ms, self.counter, self.device)

    @classmethod
    def parse(cls, packed: str) -> Hlc:
        """Inverse of :meth:`pack`; raises ValueError on anything the protocol's grammar
        refuses, so the app takes exactly the stamps the server takes."""
        parts = split_hlc(packed)
        if parts is None:
            raise ValueError(f"not a packed HLC: {packed!r}")
        return cls(*parts)


class HybridClock:
    """A device's clock. Monotonic even when the wall clock steps back.

    ``observe`` folds in a timestamp seen from another device, so anything this device
    writes afterwards orders after it, whatever the two wall clocks say.
    """

    def __init__(
        self,
        device: str,
        last: Hlc | None = None,
        wall: Callable[[], int] = lambda: time.time_ns() // 1_000_000,
    ) -> None:
        self._device = device
        self._wall = wall
        self._lock = threading.Lock()
        self._wall_ms = last.wall_ms if last else 0
        self._counter = last.counter if last else 0

    @property
    def device(self) -> str:
        return self._device

    def now(self) -> Hlc:
        """A new timestamp, later than every one this clock made or observed."""
        with self._lock:
            physical = self._wall()
            if physical > self._wall_ms:
                self._wall_ms, self._counter = physical, 0
            else:
                self._counter += 1
            return Hlc(self._wall_ms, self._counter, self._device)

    def observe(self, remote: Hlc) -> None:
        """Fold in a timestamp received from elsewhere."""
        with self._lock:
            if remote.wall_ms > self._wall_ms:
                self._wall_ms, self._counter = remote.wall_ms, remote.counter
            elif remote.wall_ms == self._wall_ms:
                self._counter = max(self._counter, remote.counter)

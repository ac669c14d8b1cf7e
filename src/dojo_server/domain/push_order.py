"""One device's overlapping pushes reach the write queue in the order of their events.

A device may send its next batch before the answer to the one before arrives (see the
client's ``SyncEngine.push_all``), so two of its pushes can be in this process at once.
Each push takes a :class:`Ticket` when its body has been read (on the event loop, in the
order the bodies arrived) and waits, in its worker thread, until every push of the same
device whose events start earlier has been queued for writing (or has failed). The write
queue keeps that order (``db.write_groups``), so the later batch never finds a gap only
because it overtook the earlier one on the way in.

The order holds within one server process. Pushes of one device that reach two processes
sharing a database are still safe: the second may be answered 409 (gap), and the device
sends it again after the first.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass(eq=False)  # each push is itself: two with the same numbers are two pushes
class _Waiting:
    first_seq: int
    queued: bool = False


class PushOrder:
    """The pushes of each device that are in this process, and their turns to queue."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._devices: dict[str, list[_Waiting]] = {}

    def ticket(self, device_id: str, first_seq: int) -> Ticket:
        """Note a push of ``device_id`` whose events start at ``first_seq``."""
        waiting = _Waiting(first_seq)
        with self._lock:
            self._devices.setdefault(device_id, []).append(waiting)
        return Ticket(self, device_id, waiting)

    def in_flight(self, device_id: str) -> int:
        """How many pushes of ``device_id`` hold a ticket."""
        with self._lock:
            return len(self._devices.get(device_id, ()))

    def _wait_turn(self, device_id: str, waiting: _Waiting, timeout: float) -> bool:
        def earlier_queued() -> bool:
            return all(other.queued for other in self._devices.get(device_id, ())
                       if other.first_seq < waiting.first_seq)
        with self._lock:
            return self._lock.wait_for(earlier_queued, timeout)

    def _queued(self, waiting: _Waiting) -> None:
        with self._lock:
            waiting.queued = True
            self._lock.notify_all()

    def _release(self, device_id: str, waiting: _Waiting) -> None:
        with self._lock:
            pushes = self._devices.get(device_id, [])
            if waiting not in pushes:  # released already
                return
            pushes.remove(waiting)
            if not pushes:
                del self._devices[device_id]
            self._lock.notify_all()


@dataclass
class Ticket:
    """One push's place among its device's pushes; release it when the push is answered."""

    order: PushOrder
    device_id: str
    waiting: _Waiting

    def wait_turn(self, timeout: float) -> bool:
        """Block until the device's earlier pushes are queued; False if ``timeout`` passed
        first (the push then goes on, and a real gap is answered as one)."""
        return self.order._wait_turn(self.device_id, self.waiting, timeout)

    def queued(self) -> None:
        """This push is in the write queue: later ones may follow."""
        self.order._queued(self.waiting)

    def release(self) -> None:
        """This push is done, written or not. Harmless to repeat."""
        self.order._release(self.device_id, self.waiting)

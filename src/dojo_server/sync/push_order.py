"""One device's overlapping pushes reach the write queue in the order of their events.

A device may send its next batches before the answer to the one before arrives (see the
client's ``SyncEngine.push_all``), so several of its pushes can be in this process at
once, and a later one may be read before an earlier one. Each push takes a
:class:`Ticket` when its body has been read and waits, in its worker thread, until

- every push of the same device in this process whose events start earlier has been
  queued for writing (or has failed), and
- its first event follows what the device has stored or queued; if it does not, the
  batch before it is still on its way (or lost: then it goes on after
  ``UNSEEN_WAIT_S`` and is answered 409, gap, as before).

The write queue keeps that order (``db.write_groups``), so a later batch never finds a
gap only because it overtook the earlier one on the way in, and batches queued together
are written in one transaction.

The order holds within one server process. Pushes of one device that reach two processes
sharing a database are still safe: the later one may be answered 409, and the device then
sends one batch at a time.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

UNSEEN_WAIT_S = 0.5  # how long a push waits for the batch before it to arrive
KEPT_DEVICES = 10_000  # devices whose last queued seq is remembered


@dataclass(eq=False)  # each push is itself: two with the same numbers are two pushes
class _Waiting:
    first_seq: int
    last_seq: int
    queued: bool = False


class PushOrder:
    """The pushes of each device that are in this process, and their turns to queue."""

    def __init__(self, unseen_wait_s: float = UNSEEN_WAIT_S) -> None:
        self._lock = threading.Condition()
        self._devices: dict[str, list[_Waiting]] = {}
        self._queued_up_to: OrderedDict[str, int] = OrderedDict()
        self._unseen_wait_s = unseen_wait_s

    def ticket(self, device_id: str, first_seq: int, last_seq: int,
               stored_seq: int = 0) -> Ticket:
        """Note a push of ``device_id`` with events ``first_seq`` to ``last_seq``;
        ``stored_seq``: the device's ``last_seq`` on the server, as read at sign-in."""
        waiting = _Waiting(first_seq, last_seq)
        with self._lock:
            self._devices.setdefault(device_id, []).append(waiting)
        return Ticket(self, device_id, waiting, stored_seq)

    def in_flight(self, device_id: str) -> int:
        """How many pushes of ``device_id`` hold a ticket."""
        with self._lock:
            return len(self._devices.get(device_id, ()))

    def _wait_turn(self, device_id: str, waiting: _Waiting, stored_seq: int,
                   timeout: float) -> bool:
        started = time.monotonic()
        with self._lock:
            while True:
                earlier_queued = all(
                    other.queued for other in self._devices.get(device_id, ())
                    if other.first_seq < waiting.first_seq)
                follows = waiting.first_seq <= 1 + max(
                    stored_seq, self._queued_up_to.get(device_id, 0))
                waited = time.monotonic() - started
                if earlier_queued and (follows or waited >= self._unseen_wait_s):
                    return True
                if waited >= timeout:
                    return False
                limit = timeout if not earlier_queued else min(timeout, self._unseen_wait_s)
                self._lock.wait(limit - waited)

    def _queued(self, device_id: str, waiting: _Waiting) -> None:
        with self._lock:
            waiting.queued = True
            known = self._queued_up_to.pop(device_id, 0)
            self._queued_up_to[device_id] = max(known, waiting.last_seq)
            while len(self._queued_up_to) > KEPT_DEVICES:
                self._queued_up_to.popitem(last=False)
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
    stored_seq: int = 0

    def wait_turn(self, timeout: float) -> bool:
        """Block until the device's earlier pushes are queued and this one follows them
        (or the batch before it did not come in time); False if ``timeout`` passed first
        (the push then goes on, and a real gap is answered as one)."""
        return self.order._wait_turn(self.device_id, self.waiting, self.stored_seq, timeout)

    def queued(self) -> None:
        """This push is in the write queue: later ones may follow."""
        self.order._queued(self.device_id, self.waiting)

    def release(self) -> None:
        """This push is done, written or not. Harmless to repeat."""
        self.order._release(self.device_id, self.waiting)

"""Run slow work (network, big files) off the GUI thread and get the result back on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    """Carries the outcome from the worker thread to the GUI thread (queued signals)."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work, self._relay = work, relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # handed to the GUI thread, which shows it
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


_running: set[_Relay] = set()


def run_in_background(work: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[Exception], None]) -> None:
    """Call ``work`` in a pool thread; ``on_done`` or ``on_error`` runs on the GUI thread."""
    relay = _Relay()
    _running.add(relay)

    def finish(callback: Callable[[Any], None], value: object) -> None:
        _running.discard(relay)
        callback(value)

    relay.succeeded.connect(lambda result: finish(on_done, result))
    relay.failed.connect(lambda exc: finish(on_error, exc))
    QThreadPool.globalInstance().start(_Job(work, relay))

"""Run slow work off the GUI thread, with progress and Cancel, and get the result back on it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from dojo_desktop.services.errors import Cancelled

if TYPE_CHECKING:
    import asyncio  # loaded with the sync loop, after the first paint (40-60 ms)

T = TypeVar("T")

SHOW_PROGRESS_AFTER_MS = 1000  # quicker work finishes before a dialog would only flash


class Progress(QObject):
    """What long work reports, shown in a dialog over ``parent`` if it lasts over a second.

    The work calls :meth:`report` from its thread; after the user pressed Cancel, the
    next report raises :class:`Cancelled`, so the work stops where it is safe to.
    """

    _reported = Signal(int, int)

    def __init__(self, parent: QWidget, label: str) -> None:
        super().__init__(parent)
        self._cancelled = threading.Event()
        self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent)  # 0..0: busy
        self.dialog.setWindowTitle(label)
        self.dialog.setAccessibleName(label)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.dialog.canceled.connect(self.cancel)
        self._reported.connect(self._show)

    def report(self, done: int, total: int) -> None:
        """``done`` of ``total`` steps; any thread. Raises Cancelled once cancelled."""
        if self._cancelled.is_set():
            raise Cancelled
        self._reported.emit(done, total)

    def cancel(self) -> None:
        self._cancelled.set()

    def _show(self, done: int, total: int) -> None:
        if self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def finish(self) -> None:
        if shiboken6.isValid(self.dialog):  # its window may have closed meanwhile
            self.dialog.hide()
            self.dialog.deleteLater()  # not now: setValue may be delivering events now
        if shiboken6.isValid(self):
            self.deleteLater()


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


def run_in_background(work: Callable[[], T], on_done: Callable[[T], None],
                      on_error: Callable[[Exception], None], *,
                      progress: Progress | None = None) -> None:
    """Call ``work`` in a pool thread; ``on_done`` or ``on_error`` runs on the GUI thread.

    With ``progress`` (which ``work`` reports to), its dialog closes when the work ends; a
    cancelled job ends in ``on_error`` with :class:`Cancelled`.
    """
    relay = _Relay()
    _running.add(relay)

    def finish(callback: Callable[[Any], None], value: object) -> None:
        _running.discard(relay)
        if progress is not None:
            progress.finish()
        callback(value)

    relay.succeeded.connect(lambda result: finish(on_done, result))
    relay.failed.connect(lambda exc: finish(on_error, exc))
    QThreadPool.globalInstance().start(_Job(work, relay))


def background_result(work: Callable[[], T]) -> asyncio.Future[T]:
    """:func:`run_in_background` for a coroutine on Qt's event loop (qasync): await it."""
    import asyncio

    future: asyncio.Future[T] = asyncio.get_running_loop().create_future()

    def done(result: T) -> None:
        if not future.done():  # the coroutine may have been cancelled meanwhile
            future.set_result(result)

    def failed(exc: Exception) -> None:
        if not future.done():
            future.set_exception(exc)

    run_in_background(work, done, failed)
    return future

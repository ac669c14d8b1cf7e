"""The one change signal: what a write or a pulled page changed, for every screen to repaint."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import QObject, Signal, SignalInstance

from dojo_desktop.services.views import Changes


@runtime_checkable
class Writer(Protocol):
    """A screen that writes: ``changed`` carries the ``Changes`` its service call returned."""

    @property
    def changed(self) -> SignalInstance: ...


@runtime_checkable
class Screen(Writer, Protocol):
    """A screen that also shows data others may change, and repaints its part of a change."""

    def show_changes(self, changes: Changes) -> None: ...


class ChangeSignal(QObject):
    """Carries every ``Changes``: a tap's, a dialog's, or a pulled page's, all alike.

    Each screen listens here and repaints only what it shows of the change, so a change
    made on this device and the same change pulled from another one look the same.
    """

    changed = Signal(object)  # Changes

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer: object | None = None

    def publish(self, changes: Changes, writer: object | None = None) -> None:
        """Tell every screen; ``writer``, the screen that made the change, has repainted it."""
        if changes == Changes():
            return
        # A screen may write while it repaints (Messages marks a thread read): the outer
        # publication's writer comes back once that inner one is out.
        outer, self._writer = self._writer, writer
        try:
            self.changed.emit(changes)
        finally:
            self._writer = outer

    def attach(self, screen: Writer | Screen) -> None:
        """Send what ``screen`` writes to every screen, and what others change to it."""
        assert isinstance(screen, QObject)
        screen.changed.connect(lambda changes: self.publish(changes, screen))
        if isinstance(screen, Screen):
            # A child of the screen receives, so Qt drops the connection when it goes.
            self.changed.connect(_Delivery(self, screen).deliver)

    def writer(self) -> object | None:
        """Who is publishing right now (None between publications)."""
        return self._writer


class _Delivery(QObject):
    """Hands a screen the changes other screens (or sync) made."""

    def __init__(self, signal: ChangeSignal, screen: Screen) -> None:
        assert isinstance(screen, QObject)
        super().__init__(screen)
        self._signal, self._screen = signal, screen

    def deliver(self, changes: Changes) -> None:
        if self._signal.writer() is not self._screen:
            self._screen.show_changes(changes)

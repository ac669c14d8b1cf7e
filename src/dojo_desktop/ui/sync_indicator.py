"""The calm sync indicator in the status bar, and the details it opens."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.core.sync_status import AwardCheck, SyncState, SyncStatus
from dojo_desktop.ui.scale import app_scale
from dojo_desktop.ui.translations import message_text

_COLOURS = {
    SyncState.NOT_CONNECTED: "#94A3B8",
    SyncState.OFFLINE: "#F59E0B",
    SyncState.SYNCING: "#3B82F6",
    SyncState.UP_TO_DATE: "#16A34A",
    SyncState.PROBLEM: "#EA580C",
    SyncState.STOPPED: "#DC2626",
}


class SyncIndicator(QToolButton):
    """A dot and a few words; never a dialog by itself. Click for details."""

    details_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status = SyncStatus()
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setMinimumHeight(app_scale(parent or self).touch_px)  # a finger opens the details
        self.clicked.connect(self.details_requested)
        self.set_status(self._status)

    @property
    def status(self) -> SyncStatus:
        return self._status

    def set_status(self, status: SyncStatus) -> None:
        self._status = status
        text = self.describe(status)
        self.setText("     " + text)
        self.setAccessibleName(self.tr("Sync: {text}").format(text=text))
        self.setToolTip(problem_words(status) or text)
        self.update()

    def describe(self, status: SyncStatus) -> str:
        if status.state is SyncState.PROBLEM:
            # The problem itself leads: a server that fails is never "up to date".
            words = problem_words(status) or self.tr("The school server has a problem.")
            if status.waiting:
                words += " " + self.tr("{n} waiting.").format(n=status.waiting)
            parts = [words]
        else:
            parts = [{
                SyncState.NOT_CONNECTED: self.tr("Not connected to a school server"),
                SyncState.OFFLINE: self.tr("Offline"),
                SyncState.SYNCING: self.tr("Syncing…"),
                SyncState.UP_TO_DATE: self.tr("Up to date"),
                SyncState.STOPPED: self.tr("Sync stopped"),
            }[status.state]]
            if status.waiting and status.state is not SyncState.NOT_CONNECTED:
                parts.append(self.tr("{n} waiting").format(n=status.waiting))
        if status.rejected:
            parts.append(self.tr("{n} not accepted").format(n=status.rejected))
        if status.clock_skew_warning:
            parts.append(self.tr("check the clock"))
        if status.update_notice and status.state is not SyncState.STOPPED:
            parts.append(self.tr("update needed"))
        if status.award_check is AwardCheck.DIFFERS:
            parts.append(self.tr("points differ from the server's"))
        return " · ".join(parts)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        size = max(8, self.height() // 3)
        painter.setBrush(QColor(_COLOURS[self._status.state]))
        painter.setPen(Qt.PenStyle.NoPen)
        # On the leading side, where the text leaves room for it (the right, right to left).
        x = 8 if self.isLeftToRight() else self.width() - 8 - size
        painter.drawEllipse(x, (self.height() - size) // 2, size, size)
        painter.end()


def problem_words(status: SyncStatus) -> str:
    """The status's problem in the window's language (as it came, if not catalogued)."""
    return message_text(status.problem) if status.problem is not None else status.last_error


class SyncDetailsDialog(QDialog):
    """Where the device stands, the last error in plain words, and every refused event."""

    connect_requested = Signal()

    def __init__(self, status: SyncStatus, rejected: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        # Here, not at the top: PySide makes each class's enums when it is first imported.
        from PySide6.QtWidgets import QDialogButtonBox, QListWidget

        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync details"))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        lines = [SyncIndicator().describe(status)]
        if status.server_url:
            lines.append(self.tr("Server: {url}").format(url=status.server_url))
        if status.last_synced_ms:
            when = datetime.fromtimestamp(status.last_synced_ms / 1000).strftime("%H:%M:%S")
            lines.append(self.tr("Last synced at {time}").format(time=when))
        if status.last_error:
            lines.append(self.tr("Last problem: {error}").format(error=problem_words(status)))
        if status.detail is not None:
            lines.append(self.tr("What was wrong: {detail}").format(
                detail=message_text(status.detail)))
        if status.update_notice and status.update_notice != status.last_error:
            lines.append(status.update_notice)
        classes = ", ".join(status.award_check_classes)
        if status.award_check is AwardCheck.REPAIRED:
            lines.append(self.tr(
                "The points of {classes} on this computer differed from the school server's. "
                "It downloaded the school's points again; they now agree.").format(
                    classes=classes))
        elif status.award_check is AwardCheck.DIFFERS:
            lines.append(self.tr(
                "The points of {classes} on this computer differ from the school server's, "
                "even after downloading them again. Nothing was deleted; it will try again "
                "later. If this stays, tell IT.").format(classes=classes))
        if status.clock_skew_warning:
            minutes = round(status.clock_skew_ms / 60000)
            lines.append(self.tr(
                "This computer's clock is {minutes} minutes off the server's. Points are "
                "still kept in the right order; ask IT to fix the clock.").format(
                    minutes=minutes))
        summary = QLabel("\n".join(lines), self)
        summary.setWordWrap(True)
        summary.setAccessibleName(self.tr("Sync summary"))
        layout.addWidget(summary)
        if rejected:
            layout.addWidget(QLabel(self.tr("Not accepted by the server (kept here):"), self))
            listing = QListWidget(self)
            listing.setAccessibleName(self.tr("Events not accepted"))
            for what, reason in rejected:
                listing.addItem(f"{what}: {reason}")
            layout.addWidget(listing)
        if status.state in (SyncState.NOT_CONNECTED, SyncState.STOPPED):
            connect = QPushButton(self.tr("Connect to school server…"), self)
            connect.setAccessibleName(connect.text())
            connect.clicked.connect(self.connect_requested)
            connect.clicked.connect(self.accept)
            layout.addWidget(connect)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

"""The noise meter: how loud the room is, from the microphone, against the quiet level the
teacher chose; listening only while the teacher has it on, and a plain message where
there is no microphone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QIODevice, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from dojo_desktop.core.noise import loudness, smoothed
from dojo_desktop.ui.lesson_tools.sizing import (
    big_button,
    big_label,
    keep_text_whole,
    pixel_font,
)
from dojo_desktop.ui.lesson_tools.tool_page import Board, ToolPage

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioSource

READ_MS = 100  # how often the microphone's samples are read and the bar redrawn
SAMPLE_RATE = 16_000


class LevelBar(QWidget):
    """A wide bar of the room's loudness, with the quiet level drawn across it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = 0.0
        self.quiet = 50

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outer = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        radius = outer.height() / 4
        painter.setPen(QPen(QColor("#475569"), 3))
        painter.setBrush(QColor("white"))
        painter.drawRoundedRect(outer, radius, radius)
        loud = self.level > self.quiet
        fill = QRectF(outer.left(), outer.top(), outer.width() * self.level / 100, outer.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#DC2626" if loud else "#16A34A"))
        painter.drawRoundedRect(fill, radius, radius)
        x = outer.left() + outer.width() * self.quiet / 100
        painter.setPen(QPen(QColor("#0F172A"), max(4.0, outer.height() / 12),
                            Qt.PenStyle.DashLine))
        painter.drawLine(round(x), round(outer.top() - 4), round(x), round(outer.bottom() + 4))
        painter.end()


class NoiseTool(ToolPage):
    """The room's loudness as a bar; green under the quiet line, red above it."""

    def __init__(self, board: Board, parent: QWidget | None = None) -> None:
        super().__init__(board, parent)
        self._source: QAudioSource | None = None  # while listening
        self._device: QIODevice | None = None
        self._reads = QTimer(self)
        self._reads.setInterval(READ_MS)
        self._reads.timeout.connect(self._read)
        self.bar = LevelBar(self)
        self.bar.setAccessibleName(self.tr("Noise level"))
        self.status = big_label(self, self.tr("Noise meter status"))
        self.listen = big_button(self, self.tr("Start listening"), primary=True)
        self.listen.clicked.connect(self.toggle)
        self.quieter = big_button(self, self.tr("Quiet line lower"),
                                  self.tr("Move the quiet line lower"))
        self.quieter.clicked.connect(lambda: self._move_line(-5))
        self.louder = big_button(self, self.tr("Quiet line higher"),
                                 self.tr("Move the quiet line higher"))
        self.louder.clicked.connect(lambda: self._move_line(5))
        buttons = QHBoxLayout()
        buttons.addWidget(self.quieter, 1)
        buttons.addWidget(self.listen, 2)
        buttons.addWidget(self.louder, 1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._show_status()

    def main_control(self) -> QWidget:
        return self.listen

    def restyle(self, unit: int) -> None:
        self.bar.setFixedHeight(round(unit * 2))
        self.status.setFont(pixel_font(self, unit * 0.8))
        keep_text_whole(self.quieter, self.louder)

    @property
    def listening(self) -> bool:
        return self._source is not None

    def toggle(self) -> None:
        """Listen to the microphone, or stop (the microphone is never on unasked)."""
        if self.listening:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        try:
            # QtMultimedia needs the system's sound libraries: without them, no microphone.
            from PySide6.QtMultimedia import QAudioFormat, QAudioSource, QMediaDevices
        except (ImportError, OSError):
            self._no_microphone()
            return
        device = QMediaDevices.defaultAudioInput()
        if device.isNull():
            self._no_microphone()
            return
        wanted = QAudioFormat()
        wanted.setSampleRate(SAMPLE_RATE)
        wanted.setChannelCount(1)
        wanted.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        if not device.isFormatSupported(wanted):
            self._no_microphone()
            return
        source = QAudioSource(device, wanted, self)
        self._device = source.start()
        if self._device is None:
            self._no_microphone()
            return
        self._source = source
        self._reads.start()
        self._show_status()

    def stop(self) -> None:
        self._reads.stop()
        source, self._source, self._device = self._source, None, None
        if source is not None:
            source.stop()
            source.deleteLater()
        self.bar.level = 0.0
        self.bar.update()
        self._show_status()

    def show_level(self, heard: float) -> None:
        """Show what the microphone heard (0 to 100)."""
        self.bar.level = smoothed(self.bar.level, heard)
        self.bar.update()
        self._show_status()

    def hideEvent(self, event: QHideEvent) -> None:
        self.stop()  # out of view, the microphone is off
        super().hideEvent(event)

    def _read(self) -> None:
        if self._device is not None:
            self.show_level(loudness(bytes(self._device.readAll().data())))

    def _move_line(self, step: int) -> None:
        self.bar.quiet = max(10, min(90, self.bar.quiet + step))
        self.bar.update()
        self._show_status()

    def _no_microphone(self) -> None:
        self.status.setText(self.tr("No microphone was found, so the noise meter cannot "
                                    "listen. Plug one in and try again."))
        self.status.setAccessibleName(self.status.text())

    def _show_status(self) -> None:
        if not self.listening and self.bar.level == 0:
            text = self.tr("Press Start listening to show how loud the room is.")
        elif self.bar.level > self.bar.quiet:
            text = self.tr("Too loud")
        else:
            text = self.tr("Nice and quiet")
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.listen.setText(self.tr("Stop listening") if self.listening
                            else self.tr("Start listening"))
        self.listen.setAccessibleName(self.listen.text())
        self.bar.setAccessibleDescription(
            self.tr("Level {level} of 100, quiet line at {quiet}").format(
                level=round(self.bar.level), quiet=self.bar.quiet))

"""What the app loads after its first frame (sound, the write path) waits for that frame."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from dojo_desktop.app import after_first_frame


class PaintLog(QObject):
    """Notes each paint of the widgets it watches in ``events``."""

    def __init__(self, events: list[str]) -> None:
        super().__init__()
        self.events = events

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.events.append("paint")
        return False


def test_the_work_waits_for_the_first_paint_even_when_queued_before_it(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = QWidget()
    qtbot.addWidget(window)
    label = QLabel("Amira", window)
    events: list[str] = []
    log = PaintLog(events)
    label.installEventFilter(log)
    after_first_frame(app, window, lambda: events.append("loaded"))
    QTimer.singleShot(0, lambda: events.append("zero timer"))  # what start() used to do
    window.show()
    qtbot.waitUntil(lambda: "loaded" in events, timeout=5000)
    assert events.index("zero timer") < events.index("paint") < events.index("loaded")
    assert events.count("loaded") == 1


def test_a_window_that_never_paints_still_gets_the_work_done(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = QWidget()  # never shown
    qtbot.addWidget(window)
    done: list[str] = []
    after_first_frame(app, window, lambda: done.append("loaded"))
    qtbot.waitUntil(lambda: done == ["loaded"], timeout=10_000)

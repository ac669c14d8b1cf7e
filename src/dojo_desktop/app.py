"""Composition root: settings -> database -> services -> main window -> event loop."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from dojo_desktop import __version__
from dojo_desktop.core.managed import ManagedSettings
from dojo_desktop.managed_settings import load_managed_settings
from dojo_desktop.paths import APP_NAME
from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.services.errors import (
    FolderInUseError,
    InvalidInputError,
    NewerDatabaseError,
    StorageError,
)
from dojo_desktop.services.settings import WHITEBOARD_MODE
from dojo_desktop.store.database import IntegrityCheck
from dojo_desktop.ui.default_texts import default_text
from dojo_desktop.ui.main_window import MainWindow
from dojo_desktop.ui.operations import run_in_background
from dojo_desktop.ui.pyside_import_check import check_sources_uncached
from dojo_desktop.ui.resources import icon_path
from dojo_desktop.ui.translations import error_text, install_translator


def create_application(argv: list[str], lang: str | None = None) -> QApplication:
    """The QApplication with the app's name, icon and the user's language (or ``lang``)."""
    check_sources_uncached()  # done already when started by dojo_desktop.__main__
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Dojo Desktop")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("dojo-desktop")  # Wayland matches the window to its .desktop entry
    app.setWindowIcon(QIcon(str(icon_path("app"))))
    install_translator(app, lang)
    return app


def open_main_window(classroom: Classroom, demo: bool = False) -> MainWindow:
    """The window on ``classroom``; with ``demo``, the demo class is opened (made if needed)."""
    demo_class = classroom.demo_class() if demo else None
    if demo and demo_class is None:
        demo_class = classroom.create_demo_class()
    window = MainWindow(classroom)
    if demo_class is not None and demo_class.id != window.class_id:  # open already: the
        window.open_class(demo_class.id)  # last class used, its grid filled
    return window


def start(data_dir: Path, demo: bool = False, full_screen: bool = False,
          check: IntegrityCheck | None = None, lang: str | None = None,
          managed: ManagedSettings | None = None,
          ) -> tuple[QApplication, MainWindow, Classroom] | None:
    """Open the data and show the window; sound and the lesson tools load after first paint.

    ``managed`` is what IT set for this computer (read from the system when not given).
    Returns ``None`` (after telling the user) when the database cannot be opened.
    """
    app = create_application(sys.argv, lang)
    if managed is None:
        managed = load_managed_settings()
    try:
        classroom = open_classroom(data_dir, check=check, managed=managed,
                                   texts=default_text)
        if classroom.damage is not None:
            classroom = recover(classroom, data_dir, managed)
        window = open_main_window(classroom, demo)
    except (NewerDatabaseError, FolderInUseError, StorageError, OSError,
            InvalidInputError) as exc:
        from dojo_desktop.ui.message_sheet import tell_before_the_window

        tell_before_the_window("Dojo Desktop", error_text(exc))
        return None
    full_screen = full_screen or bool(classroom.settings.preference(WHITEBOARD_MODE))
    screen = app.primaryScreen()
    if full_screen and screen is not None:
        # Without a window manager (a kiosk session) full screen is only a wish: size it too.
        window.setGeometry(screen.geometry())
        window.showFullScreen()
    else:
        window.resize(1366, 768)
        window.show()

    def after_first_paint() -> None:
        from dojo_desktop.ui.sound import SoundPlayer

        window.build_after_first_frame()
        window.attach_sound(SoundPlayer(window))
        keep_backing_up(classroom, window)
        window.screens.prepare_lesson_tools()

    after_first_frame(app, window, after_first_paint)
    return app, window, classroom


FIRST_FRAME_WAIT_MS = 2000  # a window that never paints (hidden) still gets its sound


class _FirstFrame(QObject):
    """Calls ``then`` once, after the first paint of a window's widgets.

    It watches the window only, which paints before its children: a filter on the whole
    application would bring every event of every object into Python while the first frame
    is made, and PySide makes each object's class, with all its enums (about 30 ms).
    """

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then: Callable[[], None] | None = then
        self._done = False
        window.installEventFilter(self)
        QTimer.singleShot(FIRST_FRAME_WAIT_MS, self, self._call)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and watched is self._window and event.type() == QEvent.Type.Paint:
            # The window's children paint in this same pass; whatever it queued runs
            # next; then ``then``.
            QTimer.singleShot(0, self, lambda: QTimer.singleShot(0, self, self._call))
            self._done = True
            self._window.removeEventFilter(self)
        return False

    def _call(self) -> None:
        if self._then is not None:
            then, self._then = self._then, None
            self._window.removeEventFilter(self)
            then()


def after_first_frame(app: QApplication, window: QWidget, then: Callable[[], None]) -> None:
    """Call ``then`` once ``window`` has painted its first frame (not before: a zero
    timer set before ``show`` runs ahead of the paint and would hold the frame up)."""
    _FirstFrame(window, then)


def wait_for_first_frame(app: QApplication, window: QWidget) -> None:
    """Run Qt's events until ``window`` has painted its first frame (or given up on it)."""
    painted: list[bool] = []
    after_first_frame(app, window, lambda: painted.append(True))
    while not painted:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)


def recover(classroom: Classroom, data_dir: Path,
            managed: ManagedSettings | None) -> Classroom:
    """The class database was damaged (``classroom`` is a new, empty one): ask the teacher,
    and put the latest good backup back if they choose it."""
    from dojo_desktop.services.backups import recovery_for, restore
    from dojo_desktop.ui.app_style import apply_app_style
    from dojo_desktop.ui.recovery_screen import RecoveryDialog

    assert classroom.damage is not None
    apply_app_style(None)  # before the window: the board's type and touch sizes already
    recovery = recovery_for(data_dir, classroom.damage)
    if RecoveryDialog(recovery).exec() != RecoveryDialog.RESTORE or recovery.backup is None:
        return classroom
    classroom.close()
    restore(data_dir, recovery.backup)
    return open_classroom(data_dir, managed=managed, texts=default_text)


BACKUP_CHECK_MS = 3_600_000  # how often a running app asks whether a daily backup is due


def keep_backing_up(classroom: Classroom, window: MainWindow) -> None:
    """Make the daily backup now if it is due, and check again every hour, off the GUI
    thread (a backup reads the whole file while taps go on)."""
    log = logging.getLogger(__name__)

    def check() -> None:
        run_in_background(classroom.backups.make_if_due, lambda _made: None,
                          lambda exc: log.warning("the daily backup failed: %s", exc))

    timer = QTimer(window)
    timer.timeout.connect(check)
    timer.start(BACKUP_CHECK_MS)
    check()


def run(data_dir: Path, demo: bool = False, full_screen: bool = False,
        check: IntegrityCheck | None = None, lang: str | None = None) -> int:
    """Start the GUI and the sync loop (qasync: asyncio on Qt's event loop). The sync
    engine loads only on a paired device, or when it pairs."""
    started = start(data_dir, demo, full_screen, check, lang)
    if started is None:
        return 2
    app, window, classroom = started
    wait_for_first_frame(app, window)  # the sync loop's imports (asyncio: 40 ms) come after
    import asyncio

    import qasync

    from dojo_desktop.sync_controller import SyncController

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    controller = SyncController(classroom, window, loop)
    QTimer.singleShot(0, controller.start)
    quitting = asyncio.Event()
    app.aboutToQuit.connect(quitting.set)
    with loop:
        loop.run_until_complete(quitting.wait())
        loop.run_until_complete(controller.stop())
    classroom.close()
    return 0

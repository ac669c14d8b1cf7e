"""After a damaged class database: the screen says what happened and how old the backup
is, and the app puts the backup back when the teacher chooses it."""

from __future__ import annotations

import random
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot
from screen_helpers import named

from dojo_desktop.app import start
from dojo_desktop.services.backups import Recovery
from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.store.backups import DAILY, Backup, backups_dir, make_backup
from dojo_desktop.store.database import DATABASE_NAME, Damage
from dojo_desktop.ui.recovery_screen import RecoveryDialog

HOUR_MS = 3_600_000


def recovery(tmp_path: Path, backup_age_ms: int | None, paired: bool = False) -> Recovery:
    damage = Damage("database disk image is malformed",
                    tmp_path / f"{DATABASE_NAME}.damaged-20261206-090000")
    backup = None if backup_age_ms is None else Backup(
        tmp_path / "backups" / "dojo-daily-20261205-080000.sqlite3",
        time.time_ns() // 1_000_000 - backup_age_ms, DAILY)
    return Recovery(damage, backup, paired)


def test_the_screen_says_what_happened_how_old_the_backup_is_and_what_it_lacks(
        qtbot: QtBot, tmp_path: Path) -> None:
    dialog = RecoveryDialog(recovery(tmp_path, 26 * HOUR_MS, paired=True))
    qtbot.addWidget(dialog)
    dialog.show()
    what = named(dialog, QLabel, "What happened").text()
    assert "dojo.sqlite3.damaged-20261206-090000" in what and "nothing was deleted" in what
    choice = named(dialog, QLabel, "What you can do").text()
    assert "26 hours old" in choice
    assert "not in it" in choice and "comes back when it syncs" in choice
    restore = next(b for b in dialog.findChildren(QPushButton)
                   if b.accessibleName().startswith("Restore the backup from"))
    assert restore.isDefault()
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert dialog.result() == RecoveryDialog.RESTORE


def test_without_a_backup_the_only_way_is_an_empty_start(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = RecoveryDialog(recovery(tmp_path, None))
    qtbot.addWidget(dialog)
    dialog.show()
    assert "no backup" in named(dialog, QLabel, "What you can do").text()
    assert [b.accessibleName() for b in dialog.findChildren(QPushButton) if b.isVisible()] == [
        "Start with an empty class database"]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == RecoveryDialog.START_EMPTY


def test_the_app_puts_the_backup_back_when_the_teacher_chooses_it(qtbot: QtBot,
                                                                  data_dir: Path) -> None:
    room = open_classroom(data_dir)
    group, _ = room.roster.create_class("Class 3 Oak")
    room.roster.add_student(group.id, "Amira", "Khan")
    make_backup(room.ctx.db_path, backups_dir(data_dir), DAILY)
    room.close()
    (data_dir / DATABASE_NAME).write_bytes(random.Random(4).randbytes(32 * 1024))
    for suffix in ("-wal", "-shm"):
        (data_dir / (DATABASE_NAME + suffix)).unlink(missing_ok=True)
    shown: list[str] = []

    def choose_restore() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoveryDialog):
            QTimer.singleShot(20, choose_restore)
            return
        shown.append(dialog.windowTitle())
        dialog.restore_button.click()

    QTimer.singleShot(0, choose_restore)
    started = start(data_dir)
    assert started is not None
    _app, window, classroom = started
    try:
        assert shown == ["The class database could not be read"]
        assert [c.name for c in classroom.roster.classes()] == ["Class 3 Oak"]
        assert window.classroom is classroom
    finally:
        window.close()
        classroom.close()

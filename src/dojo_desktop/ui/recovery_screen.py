"""After a damaged class database: what happened, and one button back to the latest good
backup (how old it is and what it may lack), or an empty start. Nothing is deleted."""

from __future__ import annotations

import time
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from dojo_desktop.services.backups import Recovery
from dojo_desktop.services.settings import local_timezone_name
from dojo_desktop.ui.app_style import larger
from dojo_desktop.ui.dates import moment
from dojo_desktop.ui.resources import touch_target_px

HOUR_MS = 3_600_000


class RecoveryDialog(QDialog):
    """``exec()`` returns :attr:`RESTORE` (put the backup back) or :attr:`START_EMPTY`."""

    RESTORE = 1
    START_EMPTY = 2

    def __init__(self, recovery: Recovery, now_ms: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery = recovery
        now_ms = time.time_ns() // 1_000_000 if now_ms is None else now_ms
        self.setWindowTitle(self.tr("The class database could not be read"))
        self.setAccessibleName(self.windowTitle())
        target = touch_target_px(parent or self)

        heading = QLabel(self.windowTitle(), self)
        font = larger(heading.font(), 1.6)
        font.setBold(True)
        heading.setFont(font)
        damage = recovery.damage
        self.what_happened = QLabel(self.tr(
            "Dojo Desktop found its class database damaged, so it cannot show your classes "
            "from it. It kept the damaged file as {file} in {folder}: nothing was deleted, "
            "and IT can look at it.").format(file=damage.kept_as.name,
                                             folder=str(damage.kept_as.parent)), self)
        self.what_happened.setAccessibleName(self.tr("What happened"))
        self.what_happened.setToolTip(damage.problem)
        self.choice = QLabel(self)
        self.choice.setAccessibleName(self.tr("What you can do"))
        for label in (self.what_happened, self.choice):
            label.setWordWrap(True)
        self.restore_button = QPushButton(self)
        self.start_empty_button = QPushButton(self.tr("Start with an empty class database"),
                                              self)
        self.start_empty_button.setAccessibleName(self.start_empty_button.text())
        for button in (self.restore_button, self.start_empty_button):
            button.setMinimumHeight(target)
        self.restore_button.clicked.connect(lambda: self.done(self.RESTORE))
        self.start_empty_button.clicked.connect(lambda: self.done(self.START_EMPTY))

        backup = recovery.backup
        if backup is None:
            self.restore_button.hide()
            self.choice.setText(self.tr(
                "There is no backup to restore. Start with an empty class database; if this "
                "computer was connected to the school server, connect it again to download "
                "the school's classes."))
            self.start_empty_button.setDefault(True)
        else:
            when = moment(backup.made_ms, ZoneInfo(local_timezone_name()))
            self.restore_button.setText(self.tr("Restore the backup from {when}").format(
                when=when))
            self.restore_button.setAccessibleName(self.restore_button.text())
            self.restore_button.setDefault(True)
            lacks = self.tr("Points and changes made on this computer after that are not in "
                            "it.")
            if recovery.paired:
                lacks += " " + self.tr("This computer is connected to the school server: "
                                       "what it had already sent comes back when it syncs.")
            self.choice.setText(self.tr("The latest backup is {age}. {lacks}").format(
                age=self._age(now_ms - backup.made_ms), lacks=lacks))

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.what_happened)
        layout.addWidget(self.choice)
        layout.addStretch(1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.start_empty_button)
        self.resize(target * 14, target * 8)

    def _age(self, ms: int) -> str:
        hours = max(0, ms) // HOUR_MS
        if hours < 1:
            return self.tr("less than an hour old")
        if hours < 48:
            return self.tr("{hours} hours old").format(hours=hours)
        return self.tr("{days} days old").format(days=hours // 24)

    def reject(self) -> None:
        """Escape or closing the window keeps the empty start: the choice can wait for IT."""
        self.done(self.START_EMPTY)

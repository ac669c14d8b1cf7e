"""A student's history: every award, newest first, each one can be undone."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import StorageError
from dojo_desktop.services.views import Changes, HistoryEntry, StudentCard
from dojo_desktop.ui.app_style import larger
from dojo_desktop.ui.dates import moment
from dojo_desktop.ui.resources import skill_icon, touch_target_px
from dojo_desktop.ui.student_tile import card_avatar
from dojo_desktop.ui.translations import error_text, keep_ltr


class StudentHistoryDialog(QDialog):
    """Lists awards; "Undo this award" cancels the selected one (an undo event); "Daily
    target…" asks for the child's target screen."""

    changed = Signal(object)  # Changes: an award undone here
    target_requested = Signal(str)  # the student id

    def __init__(self, classroom: Classroom, student_id: str, class_id: str | None,
                 *, hide_needs_work: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._classroom = classroom
        self._student_id = student_id
        self._class_id = class_id
        self._hide_needs_work = hide_needs_work
        student = classroom.roster.student(student_id)
        name = student.display_name if student else ""
        self.setWindowTitle(self.tr("History: {name}").format(name=name))
        self.setAccessibleName(self.windowTitle())
        target = touch_target_px(parent or self)
        self.resize(target * 10, target * 9)
        heading = self._heading(classroom, student_id, name, target)

        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Awards"))
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.undo_button = QPushButton(self.tr("Undo this award"), self)
        self.undo_button.setAccessibleName(self.tr("Undo this award"))
        self.undo_button.setMinimumHeight(target)
        self.undo_button.clicked.connect(self._undo_selected)
        self.target_button = QPushButton(self.tr("Daily target…"), self)
        self.target_button.setAccessibleName(self.tr("Set {name}'s daily target").format(
            name=name))
        self.target_button.setMinimumHeight(target)
        self.target_button.clicked.connect(lambda: self.target_requested.emit(student_id))
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B91C1C;")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.target_button)
        layout.addWidget(buttons)
        self.reload()

    def _heading(self, classroom: Classroom, student_id: str, name: str,
                 size: int) -> QHBoxLayout:
        """Whose history this is: the child's avatar, as their tile shows it, and name."""
        self.avatar = QLabel(self)
        self.avatar.setAccessibleName(self.tr("{name}'s avatar").format(name=name))
        student = classroom.roster.student(student_id)
        if student is not None:
            card = StudentCard(student, 0, classroom.roster.avatar_path(student))
            self.avatar.setPixmap(card_avatar(card, size, self.devicePixelRatioF()))
        self.avatar.setFixedSize(size, size)
        self.name = QLabel(name, self)
        self.name.setAccessibleName(self.tr("History of {name}").format(name=name))
        font = larger(self.name.font(), 1.6)
        font.setBold(True)
        self.name.setFont(font)
        row = QHBoxLayout()
        row.addWidget(self.avatar)
        row.addWidget(self.name)
        row.addStretch(1)  # the name stays by the avatar, whichever way the text runs
        return row

    def showEvent(self, event: QShowEvent) -> None:
        # On a board's sheet the sheet heads it with the avatar and name: not twice.
        for part in (self.avatar, self.name):
            part.setVisible(self.isWindow())
        super().showEvent(event)

    def show_changes(self, changes: Changes) -> None:
        """An award or undo for this student (here or on another device), or a skill renamed."""
        if self._student_id in changes.students or changes.skills:
            row = self.list.currentRow()
            self.reload()
            self.list.setCurrentRow(row)

    def reload(self) -> None:
        self.list.clear()
        zone = ZoneInfo(self._classroom.settings.timezone())
        entries = self._classroom.awards.history(self._student_id, self._class_id)
        for entry in entries:
            if self._hide_needs_work and entry.award.points < 0:
                continue
            icon = skill_icon(entry.skill_icon, touch_target_px(self))
            item = QListWidgetItem(icon, self._describe(entry, zone))
            item.setData(Qt.ItemDataRole.UserRole, entry.award.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, item.text())
            if entry.undone:
                font = item.font()
                font.setStrikeOut(True)
                item.setFont(font)
                item.setForeground(Qt.GlobalColor.gray)
            item.setData(Qt.ItemDataRole.UserRole + 1, entry.undone)
            self.list.addItem(item)
        if not self.list.count():
            self.list.addItem(self.tr("No awards yet."))
        self._update_buttons()

    def _describe(self, entry: HistoryEntry, zone: ZoneInfo) -> str:
        when = moment(entry.award.at_ms, zone)
        points = keep_ltr(f"{entry.award.points:+d}")
        text = f"{points}  {entry.skill_name}  ·  {when}"
        return text + "  " + self.tr("(undone)") if entry.undone else text

    def _update_buttons(self) -> None:
        item = self.list.currentItem()
        award_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        undone = bool(item.data(Qt.ItemDataRole.UserRole + 1)) if item else True
        self.undo_button.setEnabled(bool(award_id) and not undone)

    def _undo_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        try:
            changes = self._classroom.awards.undo([str(item.data(Qt.ItemDataRole.UserRole))])
        except StorageError as exc:
            self.error.setText(error_text(exc))
            self.error.show()
            return
        row = self.list.currentRow()
        self.reload()
        self.list.setCurrentRow(row)
        self.changed.emit(changes)

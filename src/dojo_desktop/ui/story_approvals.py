"""Story approvals: students' items waiting for the teacher, approved or returned."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.core.stories import Story
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError, StorageError
from dojo_desktop.services.views import Changes
from dojo_desktop.ui.attachment_tray import attachment_icon, describe_file, files_text
from dojo_desktop.ui.avatar_chooser import message_label, show_message, touch_button
from dojo_desktop.ui.dates import moment
from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.speaker_check import when_speaker_confirmed
from dojo_desktop.ui.translations import error_text


class StoryApprovalsDialog(QDialog):
    """Only approved items reach families; a returned one goes back with a comment."""

    changed = Signal(object)  # Changes: an item approved or returned here

    def __init__(self, classroom: Classroom, class_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._classroom = classroom
        self._class_id = class_id
        self._stories: dict[str, Story] = {}
        self.setWindowTitle(self.tr("Story approvals"))
        self.setAccessibleName(self.windowTitle())
        target = touch_target_px(parent or self)
        self.resize(target * 20, target * 11)

        self.queue = QListWidget(self)
        self.queue.setAccessibleName(self.tr("Waiting for approval"))
        self.queue.setWordWrap(True)
        self.queue.setSpacing(4)
        self.queue.currentItemChanged.connect(lambda *_: self._show_selected())
        self.preview = QLabel(self)
        self.preview.setAccessibleName(self.tr("Item text"))
        self.preview.setWordWrap(True)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.files = QListWidget(self)
        self.files.setAccessibleName(self.tr("Item files"))
        self.files.setIconSize(QSize(target * 3, target * 3))
        self.files.itemActivated.connect(self.open_file)
        self.open_button = touch_button(self, self.tr("Open file"), target)
        self.open_button.clicked.connect(lambda: self.open_file(self.files.currentItem()))
        self.files.currentRowChanged.connect(lambda _row: self._update_open())
        self.approve_button = touch_button(self, self.tr("Approve"), target)
        self.approve_button.clicked.connect(self.approve_selected)
        self.comment = QLineEdit(self)
        self.comment.setAccessibleName(self.tr("Comment for the student"))
        self.comment.setPlaceholderText(self.tr("What should the student change?"))
        self.comment.setMinimumHeight(target)
        self.comment.setMaxLength(1000)
        self.comment.returnPressed.connect(self.return_selected)
        self.return_button = touch_button(self, self.tr("Return with comment"), target)
        self.return_button.clicked.connect(self.return_selected)
        self.message = message_label(self, self.tr("Approval status"))

        right = QWidget(self)
        detail = QVBoxLayout(right)
        detail.addWidget(self.preview)
        detail.addWidget(self.files, 1)
        detail.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        detail.addWidget(self.approve_button)
        returning = QHBoxLayout()
        returning.addWidget(self.comment, 1)
        returning.addWidget(self.return_button)
        detail.addLayout(returning)
        detail.addWidget(self.message)
        splitter = QSplitter(self)
        splitter.addWidget(self.queue)
        splitter.addWidget(right)
        splitter.setSizes([target * 8, target * 12])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.reload()

    def show_changes(self, changes: Changes) -> None:
        """A child's item sent in, or handled on another device."""
        if changes.stories:
            self.reload()

    def reload(self) -> None:
        zone = ZoneInfo(self._classroom.settings.timezone())
        stories = self._classroom.stories.approval_queue(self._class_id)
        self._stories = {s.id: s for s in stories}
        self.queue.clear()
        for story in stories:
            when = moment(story.at_ms, zone, with_date=False)
            summary = (story.text.splitlines()[0][:60] if story.text
                       else files_text(len(story.attachments)))
            item = QListWidgetItem(f"{story.author_name} · {when}\n{summary}")
            item.setData(Qt.ItemDataRole.UserRole, story.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, item.text())
            self.queue.addItem(item)
        if stories:
            self.queue.setCurrentRow(0)
        else:
            empty = QListWidgetItem(self.tr("Nothing is waiting. Well done!"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.queue.addItem(empty)
        self._show_selected()

    def selected(self) -> Story | None:
        item = self.queue.currentItem()
        story_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        return self._stories.get(str(story_id)) if story_id else None

    def _show_selected(self) -> None:
        story = self.selected()
        self.preview.setText(story.text if story else "")
        self.files.clear()
        for sha in story.attachments if story else ():
            attachment = self._classroom.attachments.describe(sha)
            item = QListWidgetItem(attachment_icon(self, attachment), attachment.name)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, describe_file(attachment))
            item.setData(Qt.ItemDataRole.UserRole, str(attachment.path or ""))
            self.files.addItem(item)
        if self.files.count():
            self.files.setCurrentRow(0)
        self._update_open()
        for widget in (self.approve_button, self.return_button, self.comment):
            widget.setEnabled(story is not None)

    def _update_open(self) -> None:
        item = self.files.currentItem()
        self.open_button.setEnabled(bool(item and item.data(Qt.ItemDataRole.UserRole)))

    def open_file(self, item: QListWidgetItem | None) -> None:
        """Show the file full size in the computer's own viewer."""
        path = item.data(Qt.ItemDataRole.UserRole) if item else ""
        if path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif item is not None:
            show_message(self.message, self.tr("That file has not reached this computer yet."))

    def approve_selected(self) -> None:
        story = self.selected()
        if story is not None:
            self._act(lambda: self._classroom.stories.approve(story.id),
                      self.tr("Approved: {name}'s families can see it now.").format(
                          name=story.author_name))

    def return_selected(self) -> None:
        story = self.selected()
        if story is not None:
            comment = self.comment.text()
            self._act(lambda: self._classroom.stories.return_item(story.id, comment),
                      self.tr("Returned to {name} with your comment.").format(
                          name=story.author_name))

    def _act(self, action: Callable[[], Changes], done: str) -> None:
        when_speaker_confirmed(self, self._classroom.staff, lambda: self._acted(action, done))

    def _acted(self, action: Callable[[], Changes], done: str) -> None:
        try:
            changes = action()
        except (InvalidInputError, StorageError) as exc:
            show_message(self.message, error_text(exc))
            return
        self.comment.clear()
        self.reload()
        show_message(self.message, done, error=False)
        self.changed.emit(changes)

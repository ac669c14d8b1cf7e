"""Messages: a thread per student with that child's guardians, and class announcements."""

from __future__ import annotations

import dataclasses
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.core.messages import Message, Party, ThreadSummary
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import StorageError
from dojo_desktop.services.messages import SentMessage
from dojo_desktop.services.views import Changes
from dojo_desktop.ui.attachment_tray import files_text
from dojo_desktop.ui.dates import moment
from dojo_desktop.ui.message_composer import MessageComposer
from dojo_desktop.ui.resources import skill_icon, touch_target_px

FAMILY_COLOR = QColor("#ECFDF5")


class MessagesDialog(QDialog):
    """Threads on the left (unread counts), the open thread and its composer on the right."""

    changed = Signal(object)  # Changes: a message sent or read here

    def __init__(self, classroom: Classroom, class_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._classroom = classroom
        self._class_id = class_id
        self._threads: list[ThreadSummary] = []
        self._open: ThreadSummary | None = None
        self.setWindowTitle(self.tr("Messages"))
        self.setAccessibleName(self.windowTitle())
        target = touch_target_px(parent or self)
        self.resize(target * 24, target * 14)
        group = next((c for c in classroom.roster.classes() if c.id == class_id), None)
        self._class_name = group.name if group else ""

        self.thread_list = QListWidget(self)
        self.thread_list.setAccessibleName(self.tr("Conversations"))
        self.thread_list.setSpacing(3)
        self.thread_list.currentRowChanged.connect(self._open_row)
        self.heading = QLabel(self)
        self.heading.setAccessibleName(self.tr("Conversation with"))
        self.heading.setWordWrap(True)
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.thread_view = QListWidget(self)
        self.thread_view.setAccessibleName(self.tr("Messages in this conversation"))
        self.thread_view.setWordWrap(True)
        self.thread_view.setSpacing(6)
        self.composer = MessageComposer(classroom, target, self)
        self.composer.sent.connect(self._after_send)

        right = QWidget(self)
        column = QVBoxLayout(right)
        column.addWidget(self.heading)
        column.addWidget(self.thread_view, 3)
        column.addWidget(self.composer, 4)
        splitter = QSplitter(self)
        splitter.addWidget(self.thread_list)
        splitter.addWidget(right)
        splitter.setSizes([target * 8, target * 16])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.reload()
        if self.thread_list.count():
            self.thread_list.setCurrentRow(0)

    # Threads ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read threads and the open one again (after a send, or when sync brought more)."""
        current = _key(self._open) if self._open else None
        self._threads = self._classroom.messages.threads(self._class_id)
        self.thread_list.blockSignals(True)
        self.thread_list.clear()
        for thread in self._threads:
            self.thread_list.addItem(self._thread_item(thread))
        ids = [_key(t) for t in self._threads]
        if current in ids:
            self.thread_list.setCurrentRow(ids.index(current))
            self._open = self._threads[ids.index(current)]
        self.thread_list.blockSignals(False)
        if self._open is not None:
            self._show_thread(mark_read=self.isVisible())

    def _thread_item(self, thread: ThreadSummary) -> QListWidgetItem:
        if thread.class_id is not None:
            title = self.tr("Announcement to all families of {name}").format(
                name=self._class_name)
        else:
            title = thread.title
        if thread.unread:
            title += "  •  " + self.tr("{count} new").format(count=thread.unread)
        text = f"{title}\n{thread.last_body.splitlines()[0][:50]}" if thread.last_body else title
        icon = skill_icon("team", touch_target_px(self)) if thread.class_id else QIcon()
        item = QListWidgetItem(icon, text)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
        if thread.unread:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        return item

    def _open_row(self, row: int) -> None:
        if 0 <= row < len(self._threads):
            self._open = self._threads[row]
            self.composer.set_audience(self._open.student_id, self._open.class_id)
            self._show_thread(mark_read=True)

    def open_thread_of(self, student_id: str | None) -> None:
        """Open a student's thread (None: the class announcements)."""
        for row, thread in enumerate(self._threads):
            if thread.student_id == student_id:
                self.thread_list.setCurrentRow(row)
                return

    def _show_thread(self, mark_read: bool) -> None:
        thread = self._open
        if thread is None:
            return
        self.heading.setText(self._heading(thread))
        zone = ZoneInfo(self._classroom.settings.timezone())
        self.thread_view.clear()
        messages = (self._classroom.messages.student_messages(thread.student_id)
                    if thread.student_id else
                    self._classroom.messages.class_announcements(thread.class_id or ""))
        for message in messages:
            self.thread_view.addItem(self._message_item(message, zone))
        if not self.thread_view.count():
            empty = QListWidgetItem(self.tr("No messages yet."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.thread_view.addItem(empty)
        self.thread_view.scrollToBottom()
        if mark_read and thread.unread and thread.student_id:
            try:
                changes = self._classroom.messages.mark_read(thread.student_id)
            except StorageError:
                return  # stays unread; the next open tries again
            self._open = dataclasses.replace(thread, unread=0)
            row = self.thread_list.currentRow()
            self._threads[row] = self._open
            self.thread_list.item(row).setText(self._thread_item(self._open).text())
            self.thread_list.item(row).setFont(self.thread_list.font())
            self.changed.emit(changes)

    def _heading(self, thread: ThreadSummary) -> str:
        if thread.class_id is not None:
            return self.tr("Every family of {name} ({count} family members have joined)"
                           ).format(name=self._class_name, count=thread.guardians)
        guardians = self._classroom.messages.guardians(thread.student_id or "")
        if not guardians:
            return self.tr("{name}: no family member has joined yet. Messages wait for them."
                           ).format(name=thread.title)
        return self.tr("{name}'s family: {guardians}").format(
            name=thread.title, guardians=", ".join(g.name for g in guardians))

    def _message_item(self, message: Message, zone: ZoneInfo) -> QListWidgetItem:
        when = moment(message.at_ms, zone)
        staff = message.sender is Party.STAFF
        who = (message.sender_name or self.tr("Staff")) if staff else (
            message.sender_name or self.tr("Family"))
        lines = [f"{who} · {when}", message.body]
        if message.attachments:
            lines.append(self.tr("Attached: {files}").format(
                files=files_text(len(message.attachments))))
        if staff:
            lines.append(self._status(message))
        text = "\n".join(lines)
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
        if staff:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight)
        else:
            item.setBackground(QBrush(FAMILY_COLOR))
        return item

    def _status(self, message: Message) -> str:
        if message.refused:
            return self.tr("Not sent: the school server refused it (see the sync details)")
        scheduled = self._classroom.messages.is_scheduled(message)
        parts = []
        if message.waiting_to_send:
            parts.append(self.tr("Waiting to send"))
        elif not scheduled:
            parts.append(self.tr("Sent"))
        if scheduled and message.send_after_ms is not None:
            parts.append(self.tr("arrives {when}").format(
                when=self.composer.describe_time(message.send_after_ms)))
        elif message.readers_possible:
            parts.append(self.tr("read by {read} of {of} guardians").format(
                read=message.read_by, of=message.readers_possible))
        return " · ".join(parts)

    def _after_send(self, result: SentMessage) -> None:
        self.reload()
        self.changed.emit(result.changes)

    def show_changes(self, changes: Changes) -> None:
        """A family's reply or receipt pulled, or a message sent from elsewhere; the hours."""
        if changes.messages:
            self.reload()
        elif changes.settings or changes.preferences:
            self.composer.update_arrival()


def _key(thread: ThreadSummary) -> str:
    """Which conversation a row is (its thread id changes when a family starts one)."""
    return f"student:{thread.student_id}" if thread.student_id else f"class:{thread.class_id}"

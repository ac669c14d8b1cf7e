"""Writing a message: a positive start, text and files, urgent, and when it will arrive."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QIcon, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError, StorageError
from dojo_desktop.services.messages import SentMessage
from dojo_desktop.ui.attachment_tray import AttachmentTray, ComposeEdit
from dojo_desktop.ui.avatar_chooser import message_label, show_message, touch_button
from dojo_desktop.ui.resources import skill_icon
from dojo_desktop.ui.speaker_check import when_speaker_confirmed
from dojo_desktop.ui.translations import error_text


class MessageComposer(QWidget):
    """Composes for one student's family or (an announcement) for a whole class."""

    sent = Signal(object)  # SentMessage

    def __init__(self, classroom: Classroom, target: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._classroom = classroom
        self._student_id: str | None = None
        self._class_id: str | None = None
        self.hours_dialog: QDialog | None = None  # while "My hours" is open
        self.note_heading = QLabel(self.tr("Start on a positive note"), self)
        self.note_heading.setAccessibleName(self.tr("Positive note heading"))
        self.note = QListWidget(self)
        self.note.setAccessibleName(self.tr("Recent positive moments"))
        self.note.setMaximumHeight(round(target * 2.4))
        self._icon_px = round(target * 0.6)  # as large as the list draws it
        self.note.itemActivated.connect(self._mention)
        self.mention_button = touch_button(self, self.tr("Mention this"), target)
        self.mention_button.clicked.connect(lambda: self._mention(self.note.currentItem()))
        self.text = ComposeEdit(self)
        self.text.setAccessibleName(self.tr("Message text"))
        self.text.setPlaceholderText(self.tr("Write to the family…"))
        self.tray = AttachmentTray(classroom, target, self)
        self.text.files_dropped.connect(self.tray.add_paths)
        self.text.image_pasted.connect(self.tray.add_image)
        self.urgent = QCheckBox(self.tr("Urgent: send now, even outside working hours"), self)
        self.urgent.setAccessibleName(self.tr("Urgent"))
        self.urgent.setMinimumHeight(target)
        self.urgent.toggled.connect(lambda _on: self.update_arrival())
        self.arrival = QLabel(self)
        self.arrival.setAccessibleName(self.tr("When it arrives"))
        self.hours_button = touch_button(self, self.tr("My hours…"), target)
        self.hours_button.setAccessibleName(self.tr("My hours for messages"))
        self.hours_button.clicked.connect(self.edit_hours)
        self.send_button = touch_button(self, self.tr("Send"), target)
        self.send_button.clicked.connect(self.send)
        self.text.submit_requested.connect(self.send)
        self.message = message_label(self, self.tr("Message status"))
        self._clock = QTimer(self)
        self._clock.setInterval(30_000)
        self._clock.timeout.connect(self.update_arrival)

        note_row = QHBoxLayout()
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.mention_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note_heading)
        layout.addLayout(note_row)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.tray)
        layout.addWidget(self.urgent)
        layout.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addWidget(self.arrival, 1)
        bottom.addWidget(self.hours_button)
        bottom.addWidget(self.send_button)
        layout.addLayout(bottom)

    def showEvent(self, event: QShowEvent) -> None:
        """While shown, "arrives Monday 07:30" follows the clock."""
        super().showEvent(event)
        self.update_arrival()
        self._clock.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._clock.stop()
        super().hideEvent(event)

    def set_audience(self, student_id: str | None, class_id: str | None) -> None:
        """Write to one student's family, or announce to every family of ``class_id``."""
        self._student_id, self._class_id = student_id, class_id
        self.text.clear()
        self.tray.clear()
        self.urgent.setChecked(False)
        show_message(self.message, "")
        self._fill_note()
        self.update_arrival()

    def _fill_note(self) -> None:
        self.note.clear()
        visible = self._student_id is not None
        for widget in (self.note_heading, self.note, self.mention_button):
            widget.setVisible(visible)
        if self._student_id is None:
            return
        note = self._classroom.messages.positive_note(self._student_id)
        student = self._classroom.roster.student(self._student_id)
        first = student.first_name if student else ""
        for entry in note.awards:
            self._note_item(skill_icon(entry.skill_icon, self._icon_px), entry.skill_name,
                            self.tr("{name} was recognised for {skill} recently.").format(
                                name=first, skill=entry.skill_name.lower()))
        for story in note.items:
            line = story.text.splitlines()[0][:60] if story.text else self.tr("a picture")
            book = skill_icon("book", self._icon_px)
            self._note_item(book, self.tr("Story: {text}").format(text=line),
                            self.tr("{name} shared “{text}” on the class story.").format(
                                name=first, text=line))
        if not self.note.count():
            empty = QListWidgetItem(self.tr("No awards or approved work in the last two weeks."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.note.addItem(empty)
        self.mention_button.setEnabled(bool(note.awards or note.items))

    def _note_item(self, icon: QPixmap, text: str, sentence: str) -> None:
        item = QListWidgetItem(QIcon(icon), text)
        item.setData(Qt.ItemDataRole.UserRole, sentence)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
        self.note.addItem(item)
        if self.note.currentRow() < 0:
            self.note.setCurrentRow(0)

    def _mention(self, item: QListWidgetItem | None) -> None:
        sentence = item.data(Qt.ItemDataRole.UserRole) if item else None
        if sentence:
            cursor = self.text.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            cursor.insertText(f"{sentence} ")
            self.text.setFocus()

    def arrival_text(self) -> str:
        after = self._classroom.messages.send_after_ms(self.urgent.isChecked())
        if after is None:
            return self.tr("Sends now.")
        return self.tr("Quiet hours: arrives {when}.").format(when=self.describe_time(after))

    def describe_time(self, ms: int) -> str:
        local = self._classroom.messages.local_time(ms)
        locale = QLocale()
        day = locale.dayName(local.isoweekday(), QLocale.FormatType.LongFormat)
        return f"{day} {local.strftime('%H:%M')}"

    def edit_hours(self) -> None:
        from dojo_desktop.ui.message_hours import MessageHoursDialog

        dialog = MessageHoursDialog(self._classroom, self)
        dialog.accepted.connect(self.update_arrival)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.hours_dialog = dialog

    def update_arrival(self) -> None:
        self.arrival.setText(self.arrival_text())

    def send(self) -> None:
        if self.tray.busy:
            show_message(self.message, self.tr("Wait a moment: a file is still being checked."))
            return
        when_speaker_confirmed(self, self._classroom.staff, self._send)

    def _send(self) -> None:
        body, files, urgent = self.text.toPlainText(), self.tray.sha256s(), self.urgent.isChecked()
        try:
            if self._student_id is not None:
                result = self._classroom.messages.send(self._student_id, body, files, urgent)
            elif self._class_id is not None:
                result = self._classroom.messages.announce(self._class_id, body, files, urgent)
            else:
                return
        except (InvalidInputError, StorageError) as exc:
            show_message(self.message, error_text(exc))
            return
        self.text.clear()
        self.tray.clear()
        self.urgent.setChecked(False)
        show_message(self.message, self._sent_text(result), error=False)
        self.sent.emit(result)

    def _sent_text(self, result: SentMessage) -> str:
        if result.arrives_at_ms is None:
            return self.tr("Sent. It goes when this computer reaches the school server.")
        return self.tr("Scheduled: families get it {when}.").format(
            when=self.describe_time(result.arrives_at_ms))

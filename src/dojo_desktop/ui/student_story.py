"""A child's own story item, from their tile on the whiteboard: a file or a few words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError, StorageError
from dojo_desktop.ui.attachment_tray import AttachmentTray, ComposeEdit
from dojo_desktop.ui.avatar_chooser import message_label, show_message, touch_button
from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.scale import type_px
from dojo_desktop.ui.translations import error_text


class StudentStoryDialog(QDialog):
    """Big, simple and touch-sized: choose or drag a file, or type, then send to the teacher."""

    submitted = Signal(str)  # the student's name
    changed = Signal(object)  # Changes: the item now waiting for approval

    def __init__(self, classroom: Classroom, student_id: str, class_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._classroom = classroom
        self._student_id = student_id
        self._class_id = class_id
        student = classroom.roster.student(student_id)
        self._name = student.display_name if student else ""
        self.setWindowTitle(self.tr("My story: {name}").format(name=self._name))
        self.setAccessibleName(self.windowTitle())
        target = round(touch_target_px(parent or self) * 1.3)
        self.resize(target * 14, target * 10)
        font = QFont(self.font())
        font.setPixelSize(type_px(self, 0.4))
        self.setFont(font)

        heading = QLabel(self.tr("{name}, share something you are proud of").format(
            name=self._name.split(" ")[0]), self)
        heading.setAccessibleName(self.tr("My story heading"))
        heading_font = QFont(font)
        heading_font.setBold(True)
        heading_font.setPixelSize(type_px(self, 0.55))
        heading.setFont(heading_font)
        heading.setWordWrap(True)
        self.feedback = QLabel(self)
        self.feedback.setAccessibleName(self.tr("My teacher's comment"))
        self.feedback.setWordWrap(True)
        returned = classroom.stories.returned_items(student_id)
        if returned:
            item = returned[0]
            about = item.text.splitlines()[0][:60] if item.text else self.tr("your picture")
            self.feedback.setText(self.tr("Your teacher said about “{item}”: {comment}").format(
                item=about, comment=item.review_comment))
        self.feedback.setVisible(bool(returned))
        self.text = ComposeEdit(self)
        self.text.setAccessibleName(self.tr("What I want to say"))
        self.text.setPlaceholderText(self.tr("Type a few words about it, or drag a picture "
                                             "here."))
        self.tray = AttachmentTray(classroom, target, self)
        self.tray.add_button.setText(self.tr("Choose a file…"))
        self.tray.add_button.setAccessibleName(self.tray.add_button.text())
        self.text.files_dropped.connect(self.tray.add_paths)
        self.text.image_pasted.connect(self.tray.add_image)
        self.setAcceptDrops(True)
        self.message = message_label(self, self.tr("My story status"))
        self.send_button = touch_button(self, self.tr("Send to my teacher"), target)
        self.send_button.clicked.connect(self.send)
        self.text.submit_requested.connect(self.send)
        self.cancel_button = touch_button(self, self.tr("Cancel"), target)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.feedback)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.tray)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)
        layout.addLayout(buttons)
        self.text.setFocus()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """A file dragged anywhere onto the window is attached."""
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.tray.add_paths(paths)
            event.acceptProposedAction()

    def send(self) -> None:
        if self.tray.busy:
            show_message(self.message, self.tr("Wait a moment: your file is still being "
                                               "checked."))
            return
        try:
            result = self._classroom.stories.submit_student_item(
                self._student_id, self._class_id, self.text.toPlainText(), self.tray.sha256s())
        except InvalidInputError:
            show_message(self.message, self.tr("Type a few words or choose a file first."))
            return
        except StorageError as exc:
            show_message(self.message, error_text(exc))
            return
        self.changed.emit(result.changes)
        self.submitted.emit(self._name)
        self.accept()

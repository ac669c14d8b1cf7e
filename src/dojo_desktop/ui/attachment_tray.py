"""The files of a post or message being written, and a text box that takes pasted pictures
and dropped files."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMimeData,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon, QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.services.attachments import Attachment
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError, StorageError
from dojo_desktop.ui.avatar_chooser import message_label, show_message, touch_button
from dojo_desktop.ui.operations import run_in_background
from dojo_desktop.ui.translations import error_text


class ComposeEdit(QPlainTextEdit):
    """A text box: pasting a picture or dropping files attaches them instead of typing."""

    files_dropped = Signal(list)  # list[Path]
    image_pasted = Signal(QImage)
    submit_requested = Signal()  # Ctrl+Enter: post or send without reaching for the mouse

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submit_requested.emit()
            return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasImage() or source.hasUrls() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasImage():
            image = QImage(source.imageData())
            if not image.isNull():
                self.image_pasted.emit(image)
                return
        paths = [Path(url.toLocalFile()) for url in source.urls() if url.isLocalFile()]
        if paths:
            self.files_dropped.emit(paths)
            return
        super().insertFromMimeData(source)


def png_bytes(image: QImage) -> bytes:
    """A pasted picture as PNG (it is re-encoded and cleaned again before it is stored)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes
    buffer.close()
    return bytes(data.data())


class AttachmentTray(QWidget):
    """Files attached so far: add (picker, drop, paste), see and remove them.

    Files are checked and cleaned off the GUI thread; ``busy`` is true meanwhile.
    """

    def __init__(self, classroom: Classroom, target: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._classroom = classroom
        self._attachments: list[Attachment] = []
        self._working = 0
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Attached files"))
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setIconSize(QSize(target, target))
        self.list.setFixedHeight(round(target * 1.9))
        self.list.setMovement(QListView.Movement.Static)
        self.list.hide()
        self.add_button = touch_button(self, self.tr("Attach files…"), target)
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button = touch_button(self, self.tr("Remove file"), target)
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setEnabled(False)
        self.list.currentRowChanged.connect(
            lambda row: self.remove_button.setEnabled(row >= 0))
        self.problem = message_label(self, self.tr("Problem with a file"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)

    @property
    def busy(self) -> bool:
        return self._working > 0

    def sha256s(self) -> list[str]:
        return [a.sha256 for a in self._attachments]

    def set_attachments(self, sha256s: list[str] | tuple[str, ...]) -> None:
        """Show the files a post already has (to edit it)."""
        self._attachments = [self._classroom.attachments.describe(sha) for sha in sha256s]
        self._rebuild()

    def clear(self) -> None:
        self.set_attachments([])
        show_message(self.problem, "")

    def choose_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"), str(Path.home()),
                                                 self.tr("Pictures and documents (*.jpg *.jpeg "
                                                         "*.png *.gif *.webp *.bmp *.pdf *.docx "
                                                         "*.xlsx *.pptx *.odt *.ods *.odp "
                                                         "*.txt)"))
        self.add_paths([Path(p) for p in chosen])

    def add_paths(self, paths: list[Path]) -> None:
        for path in paths:
            self._start(functools.partial(self._classroom.attachments.add_file, path))

    def add_image(self, image: QImage) -> None:
        data = png_bytes(image)
        name = self.tr("Pasted picture") + ".png"
        self._start(lambda: self._classroom.attachments.add_bytes(data, name))

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._attachments):
            del self._attachments[row]
            self._rebuild()

    def _start(self, work: Callable[[], Attachment]) -> None:
        self._working += 1
        self.add_button.setEnabled(False)
        show_message(self.problem, self.tr("Checking the file…"), error=False)
        run_in_background(work, self._added, self._failed)

    def _finish_one(self) -> None:
        self._working -= 1
        self.add_button.setEnabled(self._working == 0)

    def _added(self, attachment: Attachment) -> None:
        self._finish_one()
        if self.problem.text() == self.tr("Checking the file…"):
            show_message(self.problem, "")
        if attachment.sha256 not in self.sha256s():
            self._attachments.append(attachment)
            self._rebuild()

    def _failed(self, exc: Exception) -> None:
        self._finish_one()
        if not isinstance(exc, InvalidInputError | StorageError):
            exc = InvalidInputError(self.tr("That file could not be attached ({error}).")
                                    .format(error=exc))
        show_message(self.problem, error_text(exc))

    def _rebuild(self) -> None:
        self.list.clear()
        for attachment in self._attachments:
            item = QListWidgetItem(attachment_icon(self, attachment), attachment.name)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, describe_file(attachment))
            item.setToolTip(describe_file(attachment))
            self.list.addItem(item)
        self.list.setVisible(bool(self._attachments))  # no empty strip taking room
        self.remove_button.setEnabled(self.list.currentRow() >= 0)


def files_text(count: int) -> str:
    """"1 file" or "3 files", in the user's language."""
    translate = QCoreApplication.translate
    return translate("AttachmentTray", "1 file") if count == 1 else \
        translate("AttachmentTray", "{count} files").format(count=count)


def attachment_icon(widget: QWidget, attachment: Attachment) -> QIcon:
    """The file's thumbnail, or the style's document icon."""
    if attachment.thumbnail is not None:
        pixmap = QPixmap(str(attachment.thumbnail))
        if not pixmap.isNull():
            return QIcon(pixmap)
    return widget.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)


def describe_file(attachment: Attachment) -> str:
    """The file's name and size, or that it is not on this computer, in the user's language."""
    translate = QCoreApplication.translate
    if not attachment.size:
        return translate("AttachmentTray", "{name} (not on this computer)").format(
            name=attachment.name)
    size = attachment.size / 1024
    text = f"{size:.0f} KB" if size < 1024 else f"{size / 1024:.1f} MB"
    return translate("AttachmentTray", "{name}, {size}").format(name=attachment.name, size=text)

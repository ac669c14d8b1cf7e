"""The "New class" dialog: a name and a year group, stored when the teacher presses Create."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError, StorageError
from dojo_desktop.ui.avatar_chooser import message_label, show_message
from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.scale import type_px
from dojo_desktop.ui.translations import error_text
from dojo_protocol.limits import MAX_CLASS_NAME, MAX_YEAR_GROUP


class NewClassDialog(QDialog):
    """Creates a class; stays open with the reason in plain words if it cannot."""

    def __init__(self, classroom: Classroom, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._classroom = classroom
        self._class_id: str | None = None
        target = touch_target_px(parent or self)
        font = QFont(self.font())
        font.setPixelSize(type_px(self, 0.3))
        self.setFont(font)
        self.setWindowTitle(self.tr("New class"))
        self.setAccessibleName(self.tr("New class"))

        outer = QVBoxLayout(self)
        outer.setSpacing(target // 4)
        form = QFormLayout()
        form.setVerticalSpacing(target // 5)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.name_edit = self._line_edit(self.tr("Class name"), self.tr("e.g. 4B"), target,
                                         MAX_CLASS_NAME)
        self.year_edit = self._line_edit(self.tr("Year group"), self.tr("e.g. Year 4"), target,
                                         MAX_YEAR_GROUP)
        form.addRow(self._label(self.tr("&Class name"), self.name_edit), self.name_edit)
        form.addRow(self._label(self.tr("&Year group (optional)"), self.year_edit),
                    self.year_edit)
        outer.addLayout(form)

        self.error_label = message_label(self, self.tr("Problem"))
        outer.addWidget(self.error_label)

        row = QHBoxLayout()
        row.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)
        create = QPushButton(self.tr("Create class"), self)
        create.setDefault(True)
        create.clicked.connect(self._create)
        for button in (cancel, create):
            button.setAccessibleName(button.text())
            button.setMinimumHeight(target)
            button.setMinimumWidth(
                max(target * 2, button.fontMetrics().horizontalAdvance(button.text()) + target))
            row.addWidget(button)
        cancel.setAutoDefault(False)
        outer.addLayout(row)
        self.setMinimumWidth(target * 8)
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def class_id(self) -> str | None:
        """The id of the class created, or None if the dialog was cancelled."""
        return self._class_id

    def _line_edit(self, name: str, placeholder: str, target: int,
                   max_length: int) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.setMinimumHeight(round(target * 0.8))
        edit.setMaxLength(max_length)
        edit.textEdited.connect(lambda _text: self.error_label.hide())
        return edit

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        # As tall as its field, so the words sit level with the field's middle.
        label.setMinimumHeight(buddy.minimumHeight())
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return label

    def _create(self) -> None:
        try:
            group, _ = self._classroom.roster.create_class(self.name_edit.text(),
                                                           self.year_edit.text())
        except (InvalidInputError, StorageError) as exc:
            show_message(self.error_label, error_text(exc))
            self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._class_id = group.id
        self.accept()


def ask_new_class(classroom: Classroom, parent: QWidget | None = None) -> str | None:
    """Ask for a class name and create the class; its id, or None if cancelled."""
    dialog = NewClassDialog(classroom, parent)
    try:
        dialog.exec()
        return dialog.class_id()
    finally:
        dialog.deleteLater()

"""On a person's own device: set the PIN they type on a room's board."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.services.errors import InvalidInputError, StorageError
from dojo_desktop.services.staff import StaffService
from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.translations import error_text
from dojo_protocol.pins import MAX_PIN_DIGITS


class MyPinDialog(QDialog):
    """Two entries of the new PIN; saved, it reaches the boards at the next sync."""

    changed = Signal(object)  # Changes: the PIN's record

    def __init__(self, staff: StaffService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._staff = staff
        self.setWindowTitle(self.tr("My PIN for the boards"))
        self.setAccessibleName(self.windowTitle())
        target = touch_target_px(parent or self)
        explain = QLabel(self.tr(
            "On a classroom's board you pick your name and type this PIN before a post, a "
            "message or an approval goes out as you. Use 4 to 6 digits, not your password."),
            self)
        explain.setWordWrap(True)
        self.pin, self.again = (self._entry(name, target) for name in (
            self.tr("New PIN"), self.tr("New PIN again")))
        self.message = QLabel(self)
        self.message.setAccessibleName(self.tr("PIN problem"))
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("New PIN"), self.pin)
        form.addRow(self.tr("Again"), self.again)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.pin.setFocus()

    def _entry(self, name: str, target: int) -> QLineEdit:
        entry = QLineEdit(self)
        entry.setAccessibleName(name)
        entry.setEchoMode(QLineEdit.EchoMode.Password)
        entry.setMaxLength(MAX_PIN_DIGITS)
        entry.setValidator(QRegularExpressionValidator(
            QRegularExpression(f"[0-9]{{0,{MAX_PIN_DIGITS}}}"), entry))
        entry.setMinimumHeight(target)
        return entry

    def save(self) -> None:
        try:
            changes = self._staff.set_own_pin(self.pin.text(), self.again.text())
        except (InvalidInputError, StorageError) as exc:
            self.message.setText(error_text(exc))
            self.again.clear()
            return
        self.changed.emit(changes)
        self.accept()

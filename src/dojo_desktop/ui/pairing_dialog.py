"""Settings -> Connect to school server: the server address and a one-time code."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError, StorageError
from dojo_desktop.services.settings import CA_BUNDLE
from dojo_desktop.services.sync import Pairing
from dojo_desktop.ui.operations import run_in_background
from dojo_desktop.ui.translations import error_text


class PairingDialog(QDialog):
    """Pairs this device; the network call runs off the GUI thread."""

    paired = Signal(object)  # Pairing

    def __init__(self, classroom: Classroom, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._classroom = classroom
        self.setWindowTitle(self.tr("Connect to school server"))
        self.setAccessibleName(self.windowTitle())
        self.url = QLineEdit(classroom.sync.server_url() or "", self)
        self.url.setPlaceholderText("https://dojo.myschool.example")
        self.url.setAccessibleName(self.tr("Server address"))
        self.code = QLineEdit(self)
        self.code.setPlaceholderText("ABCD-EFGH")
        self.code.setAccessibleName(self.tr("Enrollment code"))
        self.ca_bundle = QLineEdit(classroom.sync.ca_bundle() or "", self)
        self.ca_bundle.setAccessibleName(self.tr("School certificate authority (optional)"))
        browse = QPushButton(self.tr("Choose…"), self)
        browse.setAccessibleName(self.tr("Choose certificate file"))
        browse.clicked.connect(self._choose_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(browse)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Connection message"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Connect"))
        ok.setAccessibleName(self.tr("Connect"))
        self.buttons.accepted.connect(self.connect_now)
        self.buttons.rejected.connect(self.reject)
        managed_url = classroom.sync.managed_server_url()
        if managed_url:
            self.url.setText(managed_url)
            self.url.setReadOnly(True)
            self.url.setToolTip(self.tr("Set by your school's IT"))
        if classroom.settings.managed_by(CA_BUNDLE):
            self.ca_bundle.setEnabled(False)
            browse.setEnabled(False)
            self.ca_bundle.setToolTip(self.tr("Set by your school's IT"))
        form = QFormLayout(self)
        form.addRow(self.tr("Server address"), self.url)
        form.addRow(self.tr("Enrollment code from IT"), self.code)
        form.addRow(self.tr("School CA bundle"), ca_row)
        form.addRow(self.message)
        form.addRow(self.buttons)

    def _choose_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Certificate authority bundle"),
                                              "", self.tr("Certificates (*.pem *.crt)"))
        if path:
            self.ca_bundle.setText(path)

    def connect_now(self) -> None:
        url, code = self.url.text(), self.code.text()
        if not url.strip() or not code.strip():
            self.message.setText(self.tr("Enter the server address and the code from IT."))
            return
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Connecting…"))
        sync = self._classroom.sync
        try:
            sync.set_ca_bundle(self.ca_bundle.text().strip() or None)
        except (InvalidInputError, StorageError) as exc:
            self._failed(exc)
            return
        run_in_background(lambda: sync.pair(url, code), self._done, self._failed)

    def _done(self, pairing: Pairing) -> None:
        self.message.setText(self.tr("Connected."))
        self.paired.emit(pairing)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(error_text(exc))

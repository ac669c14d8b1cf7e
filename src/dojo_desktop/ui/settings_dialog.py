"""Settings: this device's choices, and what IT set for the computer (shown, and locked)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal, SignalInstance
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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

from dojo_desktop.core.board_scale import DISTANCE_CHOICES_M
from dojo_desktop.services import settings as prefs
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError, StorageError
from dojo_desktop.ui.translations import error_text


class SettingsDialog(QDialog):
    """One screen for the device's settings. A value IT set is shown greyed out, with
    "Set by your school's IT" beside it, and cannot be changed here."""

    privacy_changed = Signal(bool)
    sound_changed = Signal(bool)
    connect_requested = Signal()
    reading_distance_changed = Signal(object)  # metres, or None for the usual distance

    def __init__(self, classroom: Classroom, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._classroom = classroom
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.windowTitle())
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Settings message"))
        form = QFormLayout(self)
        form.addRow(self.tr("School server"), self._server_row())
        self.ca_bundle = QLineEdit(classroom.sync.ca_bundle() or "", self)
        self.ca_bundle.setAccessibleName(self.tr("School certificate authority bundle"))
        self.ca_bundle.editingFinished.connect(self._save_ca_bundle)
        self.choose_ca = QPushButton(self.tr("Choose…"), self)
        self.choose_ca.setAccessibleName(self.tr("Choose certificate file"))
        self.choose_ca.clicked.connect(self._choose_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(self.choose_ca)
        form.addRow(self.tr("School CA bundle"), self._with_lock(ca_row, prefs.CA_BUNDLE,
                                                                  self.ca_bundle, self.choose_ca))
        self.privacy = self._check(self.tr("Hide points and needs-work on the big screen"),
                                   prefs.PRIVACY_MODE, self.privacy_changed)
        form.addRow(self.tr("Projector privacy"), self._with_lock(self.privacy, prefs.PRIVACY_MODE))
        self.sound = self._check(self.tr("Play a sound for each award"), prefs.SOUND_ON,
                                 self.sound_changed)
        form.addRow(self.tr("Sound"), self.sound)
        self.whiteboard = self._check(self.tr("Start full screen (whiteboard mode)"),
                                      prefs.WHITEBOARD_MODE)
        form.addRow(self.tr("Whiteboard"),
                    self._with_lock(self.whiteboard, prefs.WHITEBOARD_MODE))
        form.addRow(self.tr("Read from"), self._distance_choice())
        self.start_at_login = QLabel(self._start_at_login_text(), self)
        self.start_at_login.setAccessibleName(self.tr("Start at login"))
        self.start_at_login.setWordWrap(True)
        form.addRow(self.tr("Start at login"), self.start_at_login)
        source = classroom.managed.source
        if source:
            note = QLabel(self.tr("Some settings are managed by your school's IT ({source})."
                                  ).format(source=source), self)
            note.setWordWrap(True)
            note.setAccessibleName(self.tr("Managed settings"))
            form.addRow(note)
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        form.addRow(buttons)

    def _server_row(self) -> QWidget:
        sync = self._classroom.sync
        url = sync.server_url()
        managed = sync.managed_server_url()
        if url:
            text = self.tr("Connected to {url}").format(url=url)
        elif managed:
            text = self.tr("Will connect to {url}").format(url=managed)
        else:
            text = self.tr("Not connected")
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.server = QLabel(text, row)
        self.server.setAccessibleName(self.tr("School server"))
        self.server.setWordWrap(True)
        self.connect_button = QPushButton(self.tr("Connect…"), row)
        self.connect_button.setAccessibleName(self.tr("Connect to school server"))
        self.connect_button.clicked.connect(self.connect_requested)
        self.connect_button.clicked.connect(self.accept)
        layout.addWidget(self.server, 1)
        layout.addWidget(self.connect_button)
        if managed:
            layout.addWidget(self._lock_label(row))
        return row

    def _distance_choice(self) -> QComboBox:
        """How far away the class reads the screen: everything is sized for it."""
        self.distance = QComboBox(self)
        self.distance.setAccessibleName(self.tr("Read from how far away"))
        self.distance.addItem(self.tr("Usual distance (6 m from a board, 0.6 m at a desk)"),
                              None)
        for metres in DISTANCE_CHOICES_M:
            self.distance.addItem(self.tr("{metres} m").format(
                metres=QLocale().toString(metres, "g", 3)), metres)
        chosen = self._classroom.settings.preference(prefs.READING_DISTANCE)
        self.distance.setCurrentIndex(max(0, self.distance.findData(chosen)))
        self.distance.activated.connect(lambda index: self._save(
            prefs.READING_DISTANCE, self.distance.itemData(index),
            self.reading_distance_changed))
        return self.distance

    def _check(self, text: str, key: str, changed: SignalInstance | None = None) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setAccessibleName(text)
        box.setChecked(bool(self._classroom.settings.preference(key)))
        box.toggled.connect(lambda on: self._save(key, on, changed))
        return box

    def _with_lock(self, item: QWidget | QHBoxLayout, key: str,
                   *controls: QWidget) -> QWidget:
        """``item`` with "Set by your school's IT" beside it, locked, when IT set ``key``."""
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        if isinstance(item, QWidget):
            layout.addWidget(item, 1)
        else:
            layout.addLayout(item, 1)
        source = self._classroom.settings.managed_by(key)
        if source is not None:
            for control in controls or (item,):
                if isinstance(control, QWidget):
                    control.setEnabled(False)
                    control.setToolTip(self.tr("Set by your school's IT ({source})").format(
                        source=source))
            layout.addWidget(self._lock_label(row))
        return row

    def _lock_label(self, parent: QWidget) -> QLabel:
        label = QLabel(self.tr("Set by your school's IT"), parent)
        label.setAccessibleName(self.tr("Set by your school's IT"))
        label.setStyleSheet("color: #475569; font-style: italic;")
        return label

    def _start_at_login_text(self) -> str:
        managed = self._classroom.managed.start_at_login
        if managed is None:
            return self.tr("Not set up on this computer (IT sets it when installing)")
        return self.tr("On (set by your school's IT)") if managed else \
            self.tr("Off (set by your school's IT)")

    def _save(self, key: str, value: object, changed: SignalInstance | None = None) -> None:
        try:
            self._classroom.settings.set_preference(key, value)
        except (InvalidInputError, StorageError) as exc:
            self.message.setText(error_text(exc))
            return
        self.message.clear()
        if changed is not None:
            changed.emit(value)

    def _save_ca_bundle(self) -> None:
        try:
            self._classroom.sync.set_ca_bundle(self.ca_bundle.text().strip() or None)
        except (InvalidInputError, StorageError) as exc:
            self.message.setText(error_text(exc))

    def _choose_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Certificate authority bundle"),
                                              "", self.tr("Certificates (*.pem *.crt)"))
        if path:
            self.ca_bundle.setText(path)
            self._save_ca_bundle()

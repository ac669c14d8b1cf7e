"""The PIN dialog of a shared board: whose name, a big digit entry and keypad, a clear
error on a wrong PIN, and a wait after too many."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, QTimer
from PySide6.QtGui import QFont, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.core.teaching import StaffMember
from dojo_desktop.services.staff import PinCheck, StaffService
from dojo_desktop.ui.resources import touch_target_px
from dojo_protocol.pins import MAX_PIN_DIGITS, MIN_PIN_DIGITS

_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9")


class PinDialog(QDialog):
    """Asks the person teaching here for their PIN; accepted once it is right. The name
    can be changed in the dialog: whoever types their PIN is teaching from then on."""

    def __init__(self, staff: StaffService, members: list[StaffMember],
                 chosen: StaffMember | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._staff = staff
        self.setWindowTitle(self.tr("Type your PIN"))
        self.setAccessibleName(self.windowTitle())
        target = touch_target_px(parent or self)
        big = QFont(self.font())
        big.setPixelSize(max(18, round(target * 0.45)))

        self.who = QComboBox(self)
        self.who.setAccessibleName(self.tr("Your name"))
        self.who.setMinimumHeight(target)
        self.who.setFont(big)
        for member in members:
            self.who.addItem(member.name, member.id)
        if chosen is not None:
            self.who.setCurrentIndex(max(0, self.who.findData(chosen.id)))
        self.who.currentIndexChanged.connect(self._name_changed)
        prompt = QLabel(self.tr("This speaks for you: type your PIN."), self)
        prompt.setWordWrap(True)

        self.entry = QLineEdit(self)
        self.entry.setAccessibleName(self.tr("PIN"))
        self.entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.entry.setValidator(QRegularExpressionValidator(
            QRegularExpression(f"[0-9]{{0,{MAX_PIN_DIGITS}}}"), self.entry))
        self.entry.setMaxLength(MAX_PIN_DIGITS)
        self.entry.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.entry.setMinimumHeight(round(target * 1.2))
        self.entry.setFont(big)
        self.entry.textChanged.connect(self._typed)
        self.entry.returnPressed.connect(self.submit)

        self.error = QLabel(self)
        self.error.setAccessibleName(self.tr("PIN problem"))
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B91C1C; font-weight: 600;")
        self.error.hide()

        keypad = QGridLayout()
        keypad.setSpacing(target // 6)
        self.keys: dict[str, QPushButton] = {}
        for index, digit in enumerate(_KEYS):
            keypad.addWidget(self._key(digit, digit, target, big), index // 3, index % 3)
        self.back = self._key("⌫", self.tr("Delete the last digit"), target, big)
        self.back.clicked.connect(self.entry.backspace)
        keypad.addWidget(self.back, 3, 0)
        keypad.addWidget(self._key("0", "0", target, big), 3, 1)
        self.ok = self._key(self.tr("OK"), self.tr("OK"), target, big)
        self.ok.clicked.connect(self.submit)
        keypad.addWidget(self.ok, 3, 2)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.setMinimumHeight(target)
        cancel.setAutoDefault(False)  # Return is the entry's: it checks the PIN, once
        cancel.clicked.connect(self.reject)

        # One column, centred, as wide as a keypad a hand spans: on a board's sheet the
        # keys stay keys, not bars across the room.
        column = QWidget(self)
        column.setMaximumWidth(target * 9)
        inside = QVBoxLayout(column)
        inside.setContentsMargins(0, 0, 0, 0)
        inside.addWidget(self.who)
        inside.addWidget(prompt)
        inside.addWidget(self.entry)
        inside.addWidget(self.error)
        inside.addLayout(keypad)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(cancel)
        inside.addLayout(row)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

        self._wait_left = 0
        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(1000)
        self._wait_timer.timeout.connect(self._tick)
        self._typed("")
        self.entry.setFocus()

    def _key(self, text: str, name: str, target: int, font: QFont) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setFont(font)
        button.setMinimumSize(round(target * 1.3), round(target * 1.1))
        button.setAutoDefault(False)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # typing keeps going to the entry
        if text.isdigit():
            self.keys[text] = button
            button.clicked.connect(lambda: self.entry.insert(text))
        return button

    def chosen_id(self) -> str:
        return str(self.who.currentData() or "")

    def submit(self) -> None:
        """Check the PIN typed: accepted if right, else say why and what is left."""
        pin = self.entry.text()
        if self._wait_left or len(pin) < MIN_PIN_DIGITS or not self.chosen_id():
            return
        result = self._staff.check_pin(self.chosen_id(), pin)
        if result.ok:
            self.accept()
            return
        self.entry.clear()
        self._show_problem(result)

    def _show_problem(self, result: PinCheck) -> None:
        if result.no_pin:
            self._say(self.tr("{name} has no PIN yet. Set one on your own computer, or ask "
                              "IT.").format(name=self.who.currentText()))
        elif result.wait_s:
            self._wait(result.wait_s)
        elif result.tries_left == 1:
            self._say(self.tr("That PIN is not right. 1 try left before a wait."))
        else:
            self._say(self.tr("That PIN is not right. {count} tries left before a "
                              "wait.").format(count=result.tries_left))

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setAccessibleDescription(text)
        self.error.show()

    def _wait(self, seconds: int) -> None:
        self._wait_left = seconds
        self._set_keys_enabled(False)
        self._tick_text()
        self._wait_timer.start()

    def _tick(self) -> None:
        self._wait_left = max(0, self._wait_left - 1)
        if self._wait_left:
            self._tick_text()
            return
        self._wait_timer.stop()
        self._set_keys_enabled(True)
        self.error.hide()
        self.entry.setFocus()

    def _tick_text(self) -> None:
        self._say(self.tr("Too many wrong PINs. Try again in {seconds} s.").format(
            seconds=self._wait_left))

    def _set_keys_enabled(self, on: bool) -> None:
        self.entry.setEnabled(on)
        for button in (*self.keys.values(), self.back):
            button.setEnabled(on)
        self.ok.setEnabled(on and len(self.entry.text()) >= MIN_PIN_DIGITS)

    def _typed(self, text: str) -> None:
        self.ok.setEnabled(not self._wait_left and len(text) >= MIN_PIN_DIGITS)

    def _name_changed(self) -> None:
        self.entry.clear()
        self.error.hide()
        if self._wait_left:
            self._wait_timer.stop()
            self._wait_left = 0
            self._set_keys_enabled(True)
        self.entry.setFocus()

"""Hours for messages: a teacher's own, within the school's; or, for a leader, the school's."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.core.quiet_hours import WorkingHours
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError, StorageError
from dojo_desktop.ui.avatar_chooser import message_label, show_message, touch_button
from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.translations import error_text


class MessageHoursDialog(QDialog):
    """Start, end and days; anything outside the school's policy is trimmed to fit it.

    With ``school_policy`` (a leader's), it sets the school's own hours, which every
    teacher's must fit inside.
    """

    changed = Signal(object)  # Changes: the hours saved here

    def __init__(self, classroom: Classroom, parent: QWidget | None = None,
                 school_policy: bool = False) -> None:
        super().__init__(parent)
        self._classroom = classroom
        self._school_policy = school_policy
        self.setWindowTitle(self.tr("School hours for messages") if school_policy
                            else self.tr("My hours for messages"))
        self.setAccessibleName(self.windowTitle())
        target = touch_target_px(parent or self)
        school = classroom.messages.school_hours()
        mine = school if school_policy else classroom.messages.my_hours()
        locale = QLocale()
        policy = (self.tr("Messages written outside these hours reach families at the next "
                          "start. Every teacher's own hours fit inside them.")
                  if school_policy else
                  self.tr("The school sends messages {start}–{end} on {days}. "
                          "Yours must fit inside.").format(
            start=school.start.strftime("%H:%M"), end=school.end.strftime("%H:%M"),
            days=", ".join(locale.dayName(d + 1, QLocale.FormatType.ShortFormat)
                           for d in sorted(school.days))))
        self.policy = QLabel(policy, self)
        self.policy.setAccessibleName(self.tr("The school's hours"))
        self.policy.setWordWrap(True)
        self.start = self._time(mine.start, self.tr("Start"), target)
        self.end = self._time(mine.end, self.tr("End"), target)
        self.days: list[QCheckBox] = []
        day_row = QHBoxLayout()
        for day in range(7):
            box = QCheckBox(locale.dayName(day + 1, QLocale.FormatType.ShortFormat), self)
            box.setAccessibleName(locale.dayName(day + 1, QLocale.FormatType.LongFormat))
            box.setMinimumHeight(target)
            box.ensurePolished()  # the app's style sizes its box: then measure it
            box.setMinimumWidth(max(target, box.minimumSizeHint().width()))
            box.setChecked(day in mine.days)
            box.setEnabled(school_policy or day in school.days)
            self.days.append(box)
            day_row.addWidget(box)
        self.message = message_label(self, self.tr("Hours status"))
        save = touch_button(self, self.tr("Save"), target)
        save.clicked.connect(self.save)
        cancel = touch_button(self, self.tr("Cancel"), target)
        cancel.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Start"), self.start)
        form.addRow(self.tr("End"), self.end)
        form.addRow(self.tr("Days"), day_row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.policy)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _time(self, value: dt.time, name: str, target: int) -> QTimeEdit:
        edit = QTimeEdit(QTime(value.hour, value.minute), self)
        edit.setDisplayFormat("HH:mm")
        edit.setAccessibleName(name)
        edit.setMinimumHeight(target)
        return edit

    def chosen(self) -> WorkingHours:
        start, end = self.start.time(), self.end.time()
        return WorkingHours(dt.time(start.hour(), start.minute()),
                            dt.time(end.hour(), end.minute()),
                            frozenset(d for d, box in enumerate(self.days) if box.isChecked()))

    def save(self) -> None:
        try:
            if self._school_policy:
                changes = self._classroom.messages.set_school_hours(self.chosen())
            else:
                changes = self._classroom.messages.set_my_hours(self.chosen())
        except ValueError as exc:  # InvalidInputError, or hours that end before they start
            text = error_text(exc) if isinstance(exc, InvalidInputError) else self.tr(
                "Choose an end after the start, and at least one day.")
            show_message(self.message, text)
            return
        except StorageError as exc:
            show_message(self.message, error_text(exc))
            return
        self.changed.emit(changes)
        self.accept()

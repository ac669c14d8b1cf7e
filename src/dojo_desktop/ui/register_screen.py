"""The register: today's attendance of the class, one row per child, marked with one tap."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.services.attendance import Attendance, AttendanceService
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import StorageError
from dojo_desktop.services.views import Changes
from dojo_desktop.ui.app_style import larger
from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.translations import error_text

# Colours of a chosen mark: green present, red absent, amber late or left early.
_COLOURS = {Attendance.PRESENT: "#15803D", Attendance.ABSENT: "#B91C1C",
            Attendance.LATE: "#B45309", Attendance.LEFT_EARLY: "#B45309"}


class RegisterDialog(QDialog):
    """Marks each child present, absent, late or left early for today; every tap is saved at
    once (and synced), and marks made on another device appear here as they arrive."""

    changed = Signal(object)  # Changes: marks made here

    def __init__(self, classroom: Classroom, class_id: str, parent: QWidget | None = None,
                 ) -> None:
        super().__init__(parent)
        self._classroom, self._class_id = classroom, class_id
        self._groups: dict[str, QButtonGroup] = {}
        self._day = classroom.attendance.today()
        group = next((c for c in classroom.roster.classes() if c.id == class_id), None)
        day = QLocale().toString(QDate(self._day.year, self._day.month, self._day.day),
                                 QLocale.FormatType.LongFormat)
        self.setWindowTitle(self.tr("Register: {name}, {day}").format(
            name=group.name if group else "", day=day))
        self.setAccessibleName(self.windowTitle())
        self._target = touch_target_px(parent or self)

        self.rows = QWidget(self)
        self._grid = QGridLayout(self.rows)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rows)
        self.summary = QLabel(self)
        self.summary.setAccessibleName(self.tr("Register summary"))
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B91C1C;")
        self.error.hide()
        self.all_present = QPushButton(self.tr("Everyone else present"), self)
        self.all_present.setAccessibleName(self.all_present.text())
        self.all_present.setMinimumHeight(self._target)
        self.all_present.clicked.connect(self._mark_rest_present)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close the register"))
        close.setMinimumHeight(self._target)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.all_present)
        layout.addWidget(buttons)
        self.resize(self._target * 14, self._target * 12)
        self._build_rows()
        self.reload()

    def _labels(self) -> dict[Attendance, str]:
        return {Attendance.PRESENT: self.tr("Present"), Attendance.ABSENT: self.tr("Absent"),
                Attendance.LATE: self.tr("Late"), Attendance.LEFT_EARLY: self.tr("Left early")}

    def _build_rows(self) -> None:
        labels = self._labels()
        students = self._classroom.roster.students(self._class_id)
        for row, student in enumerate(students):
            name = QLabel(student.display_name, self.rows)
            font = larger(name.font(), 1.3)
            name.setFont(font)
            self._grid.addWidget(name, row, 0)
            group = QButtonGroup(self.rows)
            for column, (mark, text) in enumerate(labels.items(), start=1):
                button = QPushButton(text, self.rows)
                button.setCheckable(True)
                button.setMinimumSize(self._target * 2, self._target)
                button.setAccessibleName(self.tr("{name}: {mark}").format(
                    name=student.display_name, mark=text))
                button.setProperty("mark", mark.value)
                group.addButton(button)
                self._grid.addWidget(button, row, column)
            group.buttonClicked.connect(
                lambda button, sid=student.id: self._clicked(sid, button))
            self._groups[student.id] = group
        if not students:
            self._grid.addWidget(QLabel(self.tr("This class has no students yet."), self.rows),
                                 0, 0)

    def showEvent(self, event: QShowEvent) -> None:
        """Keyboard focus starts on the first child's row, where a teacher starts."""
        super().showEvent(event)
        first = next(iter(self._groups.values()), None)
        if first is not None:
            first.buttons()[0].setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def show_changes(self, changes: Changes) -> None:
        """Marks made on another device (or another screen) for this class."""
        if AttendanceService.concerns(changes):
            self.reload()

    def reload(self) -> None:
        """Show the marks stored for today."""
        marks = self._classroom.attendance.register(self._class_id, self._day)
        for student_id, group in self._groups.items():
            mark = marks.get(student_id)
            group.setExclusive(False)  # so that an unmarked row shows no choice
            for button in group.buttons():
                chosen = mark is not None and button.property("mark") == mark.value
                button.setChecked(chosen)
                button.setStyleSheet(
                    f"background: {_COLOURS[mark]}; color: white; font-weight: bold;"
                    if chosen and mark is not None else "")
            group.setExclusive(True)
        absent = sum(1 for m in marks.values() if m is Attendance.ABSENT)
        waiting = len(self._groups) - len([s for s in self._groups if s in marks])
        self.summary.setText(self.tr("{present} in school, {absent} absent, {waiting} not "
                                     "marked yet").format(
            present=len(marks) - absent, absent=absent, waiting=waiting))
        self.all_present.setEnabled(waiting > 0)

    def _clicked(self, student_id: str, button: QAbstractButton) -> None:
        self._mark({student_id: Attendance(str(button.property("mark")))})

    def _mark_rest_present(self) -> None:
        marks = self._classroom.attendance.register(self._class_id, self._day)
        self._mark({student_id: Attendance.PRESENT for student_id in self._groups
                    if student_id not in marks})

    def _mark(self, marks: dict[str, Attendance]) -> None:
        try:
            changes = self._classroom.attendance.mark(self._class_id, marks, self._day)
        except StorageError as exc:
            self.error.setText(error_text(exc))
            self.error.show()
            self.reload()  # the stored marks, not the tap that failed
            return
        self.error.hide()
        self.reload()
        self.changed.emit(changes)

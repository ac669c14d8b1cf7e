"""A child's own target for the day: how many points, which skills count, today or every day."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError, StorageError
from dojo_desktop.services.targets import Target, TargetService
from dojo_desktop.services.views import Changes
from dojo_desktop.ui.resources import skill_icon, touch_target_px
from dojo_desktop.ui.translations import error_text
from dojo_protocol import limits

DEFAULT_POINTS = 5


class TargetDialog(QDialog):
    """Sets or clears a child's target: for today only, or every school day until changed.

    The child's own progress shows on their tile as a ring; no number is shown to compare.
    """

    changed = Signal(object)  # Changes: a target set or cleared here

    def __init__(self, classroom: Classroom, student_id: str, class_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._targets = classroom.targets
        self._student_id, self._class_id = student_id, class_id
        student = classroom.roster.student(student_id)
        name = student.display_name if student else ""
        self.setWindowTitle(self.tr("Daily target: {name}").format(name=name))
        self.setAccessibleName(self.windowTitle())
        target = touch_target_px(parent or self)

        self.points = QSpinBox(self)
        self.points.setRange(1, limits.MAX_TARGET_POINTS)
        self.points.setValue(DEFAULT_POINTS)
        self.points.setAccessibleName(self.tr("Points to reach in the day"))
        self.points.setMinimumHeight(target)
        self.every_day = QRadioButton(self.tr("Every school day"), self)
        self.every_day.setAccessibleName(self.tr("Target for every school day"))
        self.today_only = QRadioButton(self.tr("Today only"), self)
        self.today_only.setAccessibleName(self.tr("Target for today only"))
        for choice in (self.every_day, self.today_only):
            choice.setMinimumHeight(target)
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.every_day)
        self.scope.addButton(self.today_only)
        self.every_day.setChecked(True)
        self.scope.buttonToggled.connect(lambda *_: self._load())
        self.skills = QListWidget(self)
        self.skills.setAccessibleName(self.tr("Skills that count (none ticked: every skill)"))
        for skill in classroom.skills.list(class_id):
            if skill.points > 0:
                item = QListWidgetItem(skill_icon(skill.icon, touch_target_px(self)), skill.name)
                item.setData(Qt.ItemDataRole.UserRole, skill.id)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, skill.name)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.skills.addItem(item)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Current target"))
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B91C1C;")
        self.error.hide()

        self.save_button = QPushButton(self.tr("Set target"), self)
        self.save_button.setAccessibleName(self.tr("Set the target"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self.tr("Clear target"), self)
        self.clear_button.setAccessibleName(self.tr("Clear the target"))
        self.clear_button.clicked.connect(self.clear)
        # A plain button: one taken out of a button box stayed laid out by the box, 100 px
        # wide and hidden behind the others.
        close = QPushButton(self.tr("Close"), self)
        close.setAccessibleName(self.tr("Close the target"))
        close.clicked.connect(self.reject)
        actions = QHBoxLayout()
        for button in (self.save_button, self.clear_button, close):
            button.setMinimumHeight(target)
            actions.addWidget(button)

        form = QFormLayout()
        form.addRow(self.tr("Points to reach"), self.points)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.every_day)
        scope_row.addWidget(self.today_only)
        form.addRow(self.tr("When"), scope_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Count only these skills (none ticked: every skill)"),
                                self))
        layout.addWidget(self.skills, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addLayout(actions)
        self.resize(target * 9, target * 10)
        self._load(prefer_today=True)

    def _day_scope(self) -> bool:
        return self.today_only.isChecked()

    def _load(self, prefer_today: bool = False) -> None:
        """Show the target of the chosen scope (on opening: today's own, if it has one)."""
        today = self._targets.today()
        own = self._targets.for_day(self._student_id, self._class_id, today)
        if prefer_today and own is not None and not own.standing:
            self.today_only.setChecked(True)  # calls _load again, for today
            return
        if self._day_scope():
            current = own if own is not None and not own.standing else None
        else:
            current = self._targets.standing(self._student_id, self._class_id)
        if current is not None:
            self.points.setValue(current.points)
        for row in range(self.skills.count()):
            item = self.skills.item(row)
            skill_id = item.data(Qt.ItemDataRole.UserRole)
            ticked = current is not None and skill_id in current.skill_ids
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.clear_button.setEnabled(current is not None)
        self.status.setText(self._describe(own))

    def _describe(self, own: Target | None) -> str:
        if own is None:
            return self.tr("No target today.")
        if own.standing:
            return self.tr("Today: {points} points (every school day).").format(
                points=own.points)
        return self.tr("Today: {points} points (today only).").format(points=own.points)

    def _ticked(self) -> list[str]:
        return [str(self.skills.item(row).data(Qt.ItemDataRole.UserRole))
                for row in range(self.skills.count())
                if self.skills.item(row).checkState() == Qt.CheckState.Checked]

    def save(self) -> None:
        day = self._targets.today() if self._day_scope() else None
        self._write(lambda: self._targets.set(self._student_id, self._class_id,
                                              self.points.value(), self._ticked(), day))

    def clear(self) -> None:
        day = self._targets.today() if self._day_scope() else None
        self._write(lambda: self._targets.clear(self._student_id, self._class_id, day))

    def _write(self, call: Callable[[], Changes]) -> None:
        try:
            changes = call()
        except (InvalidInputError, StorageError) as exc:
            self.error.setText(error_text(exc))
            self.error.show()
            return
        self.error.hide()
        self._load()
        self.changed.emit(changes)

    def show_changes(self, changes: Changes) -> None:
        """A target set on another device: show it."""
        if TargetService.concerns(changes):
            self._load()

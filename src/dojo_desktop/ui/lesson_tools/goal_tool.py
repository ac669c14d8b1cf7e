"""The class goal: the reward the class chose, and a progress bar of the class's points
towards the target, moving with every tap here and every award pulled from elsewhere."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.services.class_goal import ClassGoal, ClassGoalService
from dojo_desktop.services.errors import InvalidInputError, StorageError
from dojo_desktop.services.views import Changes
from dojo_desktop.ui.lesson_tools.sizing import (
    big_button,
    big_label,
    keep_text_whole,
    pixel_font,
)
from dojo_desktop.ui.lesson_tools.tool_page import Board, ToolPage
from dojo_desktop.ui.translations import error_text
from dojo_protocol import limits


class GoalTool(ToolPage):
    """Shows the class's goal and sets it (saved at once and synced to the class's devices)."""

    def __init__(self, board: Board, parent: QWidget | None = None) -> None:
        super().__init__(board, parent)
        self.reward = big_label(self, self.tr("Reward"))
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(self.tr("Progress towards the goal"))
        self.bar.setTextVisible(False)
        self.progress = big_label(self, self.tr("Points towards the goal"))
        self.target = QSpinBox(self)
        self.target.setRange(1, limits.MAX_GOAL_POINTS)
        self.target.setSingleStep(10)
        self.target.setValue(100)
        self.target.setSuffix(self.tr(" points"))
        self.target.setAccessibleName(self.tr("Goal in points"))
        self.reward_edit = QLineEdit(self)
        self.reward_edit.setMaxLength(limits.MAX_GOAL_REWARD)
        self.reward_edit.setPlaceholderText(self.tr("The reward the class chose"))
        self.reward_edit.setAccessibleName(self.tr("Reward the class chose"))
        self.reward_edit.returnPressed.connect(self.save)
        self.save_button = big_button(self, self.tr("Save goal"), primary=True)
        self.save_button.clicked.connect(self.save)
        self.error = big_label(self, self.tr("Problem"))
        self.error.setStyleSheet("color: #B91C1C;")
        self.error.hide()
        edit = QHBoxLayout()
        edit.addWidget(self.target, 1)
        edit.addWidget(self.reward_edit, 3)
        edit.addWidget(self.save_button, 1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.reward)
        layout.addWidget(self.bar)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addWidget(self.error)
        layout.addLayout(edit)
        self._layout = layout

    def main_control(self) -> QWidget:
        return self.reward_edit if self._goal() is None else self.save_button

    def restyle(self, unit: int) -> None:
        self.reward.setFont(pixel_font(self, unit * 1.0))
        self.progress.setFont(pixel_font(self, unit * 0.8))
        self.error.setFont(pixel_font(self, unit * 0.4, bold=False))
        keep_text_whole(self.save_button)
        self.bar.setFixedHeight(round(unit * 1.6))
        self.bar.setStyleSheet(
            f"QProgressBar {{ border: 3px solid #475569; border-radius: {unit // 3}px;"
            f" background: white; }}"
            f"QProgressBar::chunk {{ background: #16A34A; border-radius: {unit // 4}px; }}")
        self._layout.setSpacing(unit // 3)

    def set_class(self, class_id: str | None) -> None:
        super().set_class(class_id)
        goal = self._goal()
        if goal is not None:
            self.target.setValue(goal.target)
            self.reward_edit.setText(goal.reward)
        self.error.hide()
        self.refresh()

    def show_changes(self, changes: Changes) -> None:
        if ClassGoalService.concerns(changes):
            self.refresh()

    def reload(self) -> None:
        self.refresh()

    def save(self) -> None:
        """Store the goal written below (the newest goal of any device wins)."""
        if self.class_id is None:
            return
        try:
            changes = self.board.classroom.goals.set_goal(
                self.class_id, self.target.value(), self.reward_edit.text())
        except (InvalidInputError, StorageError) as exc:
            self.error.setText(error_text(exc))
            self.error.show()
            return
        self.error.hide()
        self.refresh()
        self.changed.emit(changes)

    def refresh(self) -> None:
        """The goal as stored, and the class's points this period."""
        goal = self._goal()
        if self.class_id is None or goal is None:
            self.reward.setText(self.tr("Set a goal: points to earn together, and a reward."))
            self.bar.hide()
            self.progress.clear()
        else:
            total = max(0, self.board.class_total())
            self.bar.show()
            self.bar.setRange(0, goal.target)
            self.bar.setValue(min(total, goal.target))
            self.reward.setText(goal.reward or self.tr("Our class goal"))
            self.progress.setText(
                self.tr("Goal reached! {total} of {target} points").format(
                    total=total, target=goal.target) if total >= goal.target else
                self.tr("{total} of {target} points").format(total=total, target=goal.target))
        self.reward.setAccessibleName(self.reward.text())
        self.progress.setAccessibleName(self.progress.text())

    def _goal(self) -> ClassGoal | None:
        if self.class_id is None:
            return None
        return self.board.classroom.goals.goal(self.class_id)

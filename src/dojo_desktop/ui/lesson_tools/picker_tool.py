"""The fair random picker: a child's avatar and name, huge; one more tap awards them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dojo_desktop.core.model import Student
from dojo_desktop.services.attendance import AttendanceService
from dojo_desktop.services.views import Changes, StudentCard
from dojo_desktop.ui.lesson_tools.sizing import big_button, big_label, pixel_font
from dojo_desktop.ui.lesson_tools.tool_page import Board, ToolPage
from dojo_desktop.ui.student_tile import card_avatar


class PickerTool(ToolPage):
    """Picks a child at random, everyone in school once before anyone twice."""

    def __init__(self, board: Board, parent: QWidget | None = None) -> None:
        super().__init__(board, parent)
        self.picked: Student | None = None
        self._unit = 0
        self.avatar = QLabel(self)
        self.avatar.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.avatar.setAccessibleName(self.tr("Picked child's picture"))
        self.name = big_label(self, self.tr("Picked child"))
        self.turns = big_label(self, self.tr("Turns left"))
        self.pick_button = big_button(self, self.tr("Pick a child"), primary=True)
        self.pick_button.clicked.connect(self.pick)
        self.award_button = big_button(self, self.tr("Award"))
        self.award_button.clicked.connect(self.award)
        self.award_button.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.pick_button, 2)
        buttons.addWidget(self.award_button, 2)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.avatar, 3)
        layout.addWidget(self.name, 1)
        layout.addWidget(self.turns)
        layout.addLayout(buttons)
        self._show()

    def main_control(self) -> QWidget:
        return self.pick_button

    def restyle(self, unit: int) -> None:
        self._unit = unit
        self.name.setFont(pixel_font(self, unit * 1.3))
        self.turns.setFont(pixel_font(self, unit * 0.45, bold=False))
        for button in (self.pick_button, self.award_button):
            button.setMinimumHeight(round(unit * 1.4))
        self._show()

    def set_class(self, class_id: str | None) -> None:
        super().set_class(class_id)
        self.picked = None
        self._show()

    def reload(self) -> None:
        self._show()

    def pick(self) -> None:
        """The next child, drawn fairly; nobody when no child is in school."""
        if self.class_id is None:
            return
        self.picked = self.board.classroom.lesson.pick(self.class_id)
        self._show()

    def award(self) -> None:
        """The skill picker for the picked child, as a tap on their tile opens it."""
        if self.picked is not None:
            self.board.award_one(self.picked.id)

    def show_changes(self, changes: Changes) -> None:
        if AttendanceService.concerns(changes) or changes.roster:
            self._show()

    def _show(self) -> None:
        classroom, child = self.board.classroom, self.picked
        side = round(self._unit * 4) if self._unit else 0
        if child is not None and side:
            card = StudentCard(child, 0, classroom.roster.avatar_path(child))
            self.avatar.setPixmap(card_avatar(card, side, self.devicePixelRatioF()))
        else:
            self.avatar.clear()
        if child is not None:
            self.name.setText(child.display_name)
            self.award_button.setText(self.tr("Award {name}").format(name=child.first_name))
            self.award_button.setAccessibleName(
                self.tr("Award {name}").format(name=child.display_name))
        elif self.class_id is not None and not classroom.lesson.in_school(self.class_id):
            self.name.setText(self.tr("Nobody is marked in school today."))
        else:
            self.name.setText(self.tr("Who will it be?"))
        self.name.setAccessibleName(self.name.text())
        self.award_button.setVisible(child is not None)
        self.turns.clear()
        if self.class_id is not None and classroom.lesson.in_school(self.class_id):
            left = classroom.lesson.turns_left(self.class_id)
            self.turns.setText(self.tr("{count} still to have a turn").format(count=left)
                               if left else self.tr("Everyone has had a turn: a new round "
                                                    "starts with the next pick"))
        self.turns.setAccessibleName(self.turns.text())

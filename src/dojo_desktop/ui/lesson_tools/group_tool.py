"""The group maker: groups of N or N groups, at random or balanced by this period's points,
chosen pairs kept apart, shown as big cards that each award the group in one tap."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.core.model import Student
from dojo_desktop.services.views import Changes
from dojo_desktop.ui.lesson_tools.sizing import big_button, big_label, pixel_font
from dojo_desktop.ui.lesson_tools.tool_page import Board, ToolPage

# Card colours, light enough for black names, told apart from the back of the room.
_CARD_COLOURS = ("#DBEAFE", "#DCFCE7", "#FEF3C7", "#FCE7F3", "#E0E7FF", "#CCFBF1",
                 "#FFEDD5", "#EDE9FE")


class GroupTool(ToolPage):
    """Makes groups of the children in school and shows each as a card."""

    def __init__(self, board: Board, parent: QWidget | None = None) -> None:
        super().__init__(board, parent)
        self.number = 4
        self.groups: list[list[Student]] = []
        self._unit = 0

        self.by_size = big_button(self, self.tr("Groups of"), checkable=True)
        self.by_count = big_button(self, self.tr("Number of groups"), checkable=True)
        self.by_size.setChecked(True)
        self._mode = QButtonGroup(self)
        for button in (self.by_size, self.by_count):
            self._mode.addButton(button)
            button.toggled.connect(self._show_number)
        self.fewer = big_button(self, "−", self.tr("One fewer"))
        self.fewer.clicked.connect(lambda: self._change_number(-1))
        self.number_label = big_label(self, "")
        self.more = big_button(self, "+", self.tr("One more"))
        self.more.clicked.connect(lambda: self._change_number(1))
        self.random = big_button(self, self.tr("Random"), checkable=True)
        self.balanced = big_button(self, self.tr("Balanced by points"), checkable=True)
        self.random.setChecked(True)
        self._how = QButtonGroup(self)
        for button in (self.random, self.balanced):
            self._how.addButton(button)
        self.make = big_button(self, self.tr("Make groups"), primary=True)
        self.make.clicked.connect(self.make_groups)

        self.first = QComboBox(self)
        self.first.setAccessibleName(self.tr("First child to keep apart"))
        self.second = QComboBox(self)
        self.second.setAccessibleName(self.tr("Second child to keep apart"))
        self.keep_apart = big_button(self, self.tr("Keep apart"))
        self.keep_apart.clicked.connect(self._keep_apart)
        self.apart_label = QLabel(self)
        self.apart_label.setWordWrap(True)
        self.apart_label.setAccessibleName(self.tr("Children kept apart"))
        self.clear_apart = big_button(self, self.tr("Clear pairs"),
                                      self.tr("Stop keeping children apart"))
        self.clear_apart.clicked.connect(self._clear_apart)

        controls = QHBoxLayout()
        widget: QWidget
        for widget in (self.by_size, self.by_count, self.fewer, self.number_label, self.more):
            controls.addWidget(widget)
        controls.addSpacing(24)
        controls.addWidget(self.random)
        controls.addWidget(self.balanced)
        controls.addStretch(1)
        # Make groups ends the second row: one row of everything is wider than a laptop.
        apart = QHBoxLayout()
        for widget in (self.first, self.second, self.keep_apart):
            apart.addWidget(widget)
        apart.addWidget(self.apart_label, 1)
        apart.addWidget(self.clear_apart)
        apart.addWidget(self.make)
        self.cards = QWidget(self)
        self._cards_layout = QGridLayout(self.cards)
        self._cards_layout.setContentsMargins(0, 0, 0, 0)
        scroll = self._scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.cards)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hint = big_label(self, self.tr("Groups"))
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(apart)
        layout.addWidget(self.hint)
        layout.addWidget(scroll, 1)
        self._show_number()
        self._show_cards()

    def main_control(self) -> QWidget:
        return self.make

    def restyle(self, unit: int) -> None:
        self._unit = unit
        self.number_label.setFont(pixel_font(self, unit * 0.7))
        self.number_label.setMinimumWidth(round(unit * 1.2))
        self.apart_label.setFont(pixel_font(self, unit * 0.34, bold=False))
        self.hint.setFont(pixel_font(self, unit * 0.5, bold=False))
        self._show_cards()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.groups:
            self._show_cards()  # cards fit the new size

    def set_class(self, class_id: str | None) -> None:
        super().set_class(class_id)
        self.groups = []
        self._fill_children()
        self._show_apart()
        self._show_cards()

    def show_changes(self, changes: Changes) -> None:
        if changes.roster:
            self.reload()

    def reload(self) -> None:
        self._fill_children()
        self._show_apart()

    # Choosing ---------------------------------------------------------------------------

    def _change_number(self, step: int) -> None:
        self.number = max(2 if self.by_count.isChecked() else 1, min(16, self.number + step))
        self._show_number()

    def _show_number(self) -> None:
        self.number = max(2 if self.by_count.isChecked() else 1, self.number)
        self.number_label.setText(str(self.number))
        self.number_label.setAccessibleName(
            self.tr("Children in each group: {n}").format(n=self.number)
            if self.by_size.isChecked() else
            self.tr("Number of groups: {n}").format(n=self.number))

    def _fill_children(self) -> None:
        students = (self.board.classroom.roster.students(self.class_id)
                    if self.class_id is not None else [])
        for combo in (self.first, self.second):
            combo.clear()
            for student in students:
                combo.addItem(student.display_name, student.id)
        if len(students) > 1:
            self.second.setCurrentIndex(1)

    def _keep_apart(self) -> None:
        first, second = self.first.currentData(), self.second.currentData()
        if self.class_id is not None and first and second and first != second:
            self.board.classroom.lesson.keep_apart(self.class_id, str(first), str(second))
            self._show_apart()

    def _clear_apart(self) -> None:
        if self.class_id is None:
            return
        lesson = self.board.classroom.lesson
        for pair in lesson.apart(self.class_id):
            first, second = sorted(pair)
            lesson.keep_apart(self.class_id, first, second, apart=False)
        self._show_apart()

    def _show_apart(self) -> None:
        pairs = self.board.classroom.lesson.apart(self.class_id) if self.class_id else []
        names = {self.first.itemData(i): self.first.itemText(i)
                 for i in range(self.first.count())}
        text = ", ".join(" & ".join(sorted(names.get(c, "?") for c in pair)) for pair in pairs)
        self.apart_label.setText(self.tr("Kept apart: {pairs}").format(pairs=text) if pairs
                                 else self.tr("No pairs kept apart"))
        self.clear_apart.setEnabled(bool(pairs))

    # Making and awarding ----------------------------------------------------------------

    def make_groups(self) -> None:
        """Groups of the children in school, as chosen above."""
        if self.class_id is None:
            return
        size = self.number if self.by_size.isChecked() else None
        count = None if size is not None else self.number
        self.groups = self.board.classroom.lesson.groups(
            self.class_id, size=size, count=count, balanced=self.balanced.isChecked())
        self._show_cards()

    def award_group(self, index: int) -> None:
        """The skill picker for every child of the group: one batch, one undo."""
        if 0 <= index < len(self.groups):
            self.board.award_many([s.id for s in self.groups[index]],
                                  self.tr("Award group {n}").format(n=index + 1))

    def _show_cards(self) -> None:
        while (item := self._cards_layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        if not self.groups:
            self.hint.setText(self.tr("Choose the groups, then Make groups."))
            self.hint.show()
            return
        self.hint.hide()
        unit = self._unit or 57
        rows, columns = card_grid(len(self.groups))
        # Every card in view at once: the names shrink with more children to a card.
        card_height = max(unit * 3, self._scroll.viewport().height() // rows)
        lines = max(len(group) for group in self.groups)
        # A card is a header row (title and button, one unit high) over the names.
        names_px = max(16.0, min(unit * 0.55, (card_height - unit * 1.4) / (lines * 1.18)))
        for index, group in enumerate(self.groups):
            self._cards_layout.addWidget(self._card(index, group, unit, names_px),
                                         index // columns, index % columns)

    def _card(self, index: int, group: list[Student], unit: int, names_px: float) -> QFrame:
        card = QFrame(self.cards)
        card.setObjectName("GroupCard")
        colour = _CARD_COLOURS[index % len(_CARD_COLOURS)]
        card.setStyleSheet(f"#GroupCard {{ background: {colour}; border: 2px solid #64748B;"
                           f" border-radius: {unit // 4}px; }}")
        title = QLabel(self.tr("Group {n}").format(n=index + 1), card)
        title.setFont(pixel_font(self, names_px * 1.15))
        names = QLabel("\n".join(s.display_name for s in group), card)
        names.setFont(pixel_font(self, names_px, bold=False))
        names.setWordWrap(True)
        names.setAccessibleName(self.tr("Group {n}: {names}").format(
            n=index + 1, names=", ".join(s.display_name for s in group)))
        award = QPushButton(self.tr("Award"), card)
        award.setAccessibleName(self.tr("Award group {n}").format(n=index + 1))
        award.setAutoDefault(False)
        award.clicked.connect(lambda _=False, i=index: self.award_group(i))
        header = QHBoxLayout()
        header.addWidget(title, 1)
        header.addWidget(award)
        layout = QVBoxLayout(card)
        layout.setSpacing(unit // 10)
        layout.setContentsMargins(unit // 4, unit // 8, unit // 8, unit // 8)
        layout.addLayout(header)
        layout.addWidget(names, 1, Qt.AlignmentFlag.AlignTop)
        return card


def card_grid(groups: int) -> tuple[int, int]:
    """Rows and columns for the cards: one row up to four groups, then more rows."""
    rows = 1 if groups <= 4 else 2 if groups <= 8 else 3 if groups <= 15 else 4
    return rows, -(-groups // rows)

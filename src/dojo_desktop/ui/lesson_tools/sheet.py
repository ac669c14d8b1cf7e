"""The lesson toolkit's sheet: it fills the board over the grid, one tool at a time."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.services.views import Changes
from dojo_desktop.ui.focus_trap import focus_within
from dojo_desktop.ui.lesson_tools.sizing import big_button, sheet_style, sheet_unit
from dojo_desktop.ui.lesson_tools.tool_page import Board, ToolPage


class Tool(StrEnum):
    """The tools, in the order of their tabs."""

    TIMER = "timer"
    PICKER = "picker"
    GROUPS = "groups"
    GOAL = "goal"
    NOISE = "noise"


class LessonToolsSheet(QFrame):
    """A window-filling sheet over the grid (the class bar and the toast stay in view).

    Made once and hidden when closed, so a running timer keeps counting and chimes with
    the sheet closed. The skill picker, a sibling over the same grid, opens above it.
    """

    changed = Signal(object)  # Changes a tool made

    def __init__(self, board: Board, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("LessonTools")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAutoFillBackground(True)
        self.setAccessibleName(self.tr("Lesson tools"))
        self._return_focus: QWidget | None = None
        self._unit = 0
        self._board = board
        self._class_id: str | None = None
        self._stale: set[Tool] = set()  # changed while hidden: repainted when next shown
        self.tools: dict[Tool, ToolPage] = {}  # each made when first opened
        names = {Tool.TIMER: self.tr("Timer"), Tool.PICKER: self.tr("Random picker"),
                 Tool.GROUPS: self.tr("Groups"), Tool.GOAL: self.tr("Class goal"),
                 Tool.NOISE: self.tr("Noise meter")}
        self.pages = QStackedWidget(self)
        self.tabs = QButtonGroup(self)
        self.tab_buttons: dict[Tool, QPushButton] = {}
        bar = QHBoxLayout()
        for tool in Tool:
            button = big_button(self, names[tool], checkable=True)
            button.clicked.connect(lambda _=False, t=tool: self.show_tool(t))
            self.tabs.addButton(button)
            self.tab_buttons[tool] = button
            bar.addWidget(button)
        bar.addStretch(1)
        self.close_button = big_button(self, self.tr("Close"), self.tr("Close the lesson tools"))
        self.close_button.clicked.connect(self.close_sheet)
        bar.addWidget(self.close_button)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(bar)
        self._layout.addWidget(self.pages, 1)
        self._bar = bar
        parent.installEventFilter(self)
        self.hide()

    # Showing ----------------------------------------------------------------------------

    def open_tool(self, tool: Tool, class_id: str | None) -> None:
        """Fill the grid's place with ``tool`` for the class; focus its main control."""
        focused = QApplication.focusWidget()
        if not self.isVisible() and focused is not None and not self.isAncestorOf(focused):
            self._return_focus = focused
            self._stale.update(self.tools)  # what changed while closed
        self.set_class(class_id)
        self._fill_parent()
        self.show()
        self.raise_()
        self.show_tool(tool)

    def prepare(self, tool: Tool, class_id: str | None) -> None:
        """Make ``tool`` and size everything ahead, hidden, so opening only shows it."""
        self.set_class(class_id)
        self._fill_parent()
        self._restyle()
        self.pages.setCurrentWidget(self._page(tool))
        self.ensurePolished()
        self._layout.activate()
        QTimer.singleShot(0, self, self._make_next)

    def _make_next(self) -> None:
        """Make the other tools one at a time when the app is idle, so none makes the
        teacher wait at its first opening (not once the window has closed)."""
        missing = [tool for tool in Tool if tool not in self.tools]
        if missing and self.window().isVisible():
            self._page(missing[0])
            QTimer.singleShot(0, self, self._make_next)

    def show_tool(self, tool: Tool) -> None:
        page = self._page(tool)
        if tool in self._stale:
            self._stale.discard(tool)
            page.reload()
        self.pages.setCurrentWidget(page)
        self.tab_buttons[tool].setChecked(True)
        page.main_control().setFocus(Qt.FocusReason.OtherFocusReason)

    def _page(self, tool: Tool) -> ToolPage:
        if tool not in self.tools:
            page = _TOOLS[tool](self._board, self)
            page.set_class(self._class_id)
            if self._unit:
                page.restyle(self._unit)
            page.changed.connect(self.changed)
            self.pages.addWidget(page)
            self.tools[tool] = page
        return self.tools[tool]

    def current_tool(self) -> Tool:
        return next((t for t, page in self.tools.items()
                     if page is self.pages.currentWidget()), Tool.TIMER)

    def set_class(self, class_id: str | None) -> None:
        self._class_id = class_id
        for page in self.tools.values():
            if page.class_id != class_id:
                page.set_class(class_id)

    def close_sheet(self) -> None:
        """Hide the sheet (a running timer keeps counting) and give focus back."""
        if not self.isVisible():
            return
        self.hide()
        back, self._return_focus = self._return_focus, None
        if back is not None and back.isVisible():
            back.setFocus(Qt.FocusReason.OtherFocusReason)

    def stop(self) -> None:
        """The window closes: stop the timer and hide."""
        for page in self.tools.values():
            page.set_class(None)
        self.hide()

    def show_changes(self, changes: Changes) -> None:
        """The tool in view repaints its part at once; the others when next shown (so a
        tap on the board costs no tool a query while the sheet is closed)."""
        for tool, page in self.tools.items():
            if self.isVisible() and page is self.pages.currentWidget():
                page.show_changes(changes)
            else:
                self._stale.add(tool)

    # Size and keys ----------------------------------------------------------------------

    def _fill_parent(self) -> None:
        parent = self.parentWidget()
        assert parent is not None
        self.setGeometry(parent.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._fill_parent()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.follow_scale()
        super().resizeEvent(event)

    def follow_scale(self) -> None:
        """Sizes from the sheet's height and the app's scale (a new size or distance)."""
        self._restyle()
        self._fit_tabs()

    def _fit_tabs(self) -> None:
        """The tabs' words whole on a narrow window or in a longer language: less padding,
        then smaller type, a step at a time, only as far as it takes."""
        unit = self._unit
        if not unit:
            return
        buttons = [*self.tab_buttons.values(), self.close_button]
        margins = self._layout.contentsMargins()
        room = self.width() - margins.left() - margins.right() \
            - self._bar.spacing() * len(buttons)
        font = round(unit * 0.4)
        for padding, scale in ((unit // 3, 1.0), (unit // 5, 1.0), (unit // 5, 0.9),
                               (unit // 6, 0.8)):
            style = "" if scale == 1.0 and padding == unit // 3 else \
                f"QPushButton {{ padding: 0 {padding}px; font-size: {round(font * scale)}px; }}"
            for button in buttons:
                if button.styleSheet() != style:
                    button.setStyleSheet(style)
            if sum(button.sizeHint().width() for button in buttons) <= room:
                break

    def _restyle(self) -> None:
        unit = sheet_unit(self)
        if unit != self._unit:
            self._unit = unit
            self.setStyleSheet(sheet_style(unit))
            margin = unit // 3
            self._layout.setContentsMargins(margin, margin // 2, margin, margin)
            self._layout.setSpacing(margin)
            self._bar.setSpacing(unit // 5)
            for page in self.tools.values():
                page.restyle(unit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_sheet()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab stays on the sheet while it is open, not on the grid hidden behind it.
        return focus_within(self, next)


def _timer(board: Board, parent: QWidget) -> ToolPage:
    from dojo_desktop.ui.lesson_tools.timer_tool import TimerTool

    return TimerTool(board, parent)


def _picker(board: Board, parent: QWidget) -> ToolPage:
    from dojo_desktop.ui.lesson_tools.picker_tool import PickerTool

    return PickerTool(board, parent)


def _groups(board: Board, parent: QWidget) -> ToolPage:
    from dojo_desktop.ui.lesson_tools.group_tool import GroupTool

    return GroupTool(board, parent)


def _goal(board: Board, parent: QWidget) -> ToolPage:
    from dojo_desktop.ui.lesson_tools.goal_tool import GoalTool

    return GoalTool(board, parent)


def _noise(board: Board, parent: QWidget) -> ToolPage:
    from dojo_desktop.ui.lesson_tools.noise_tool import NoiseTool

    return NoiseTool(board, parent)


# Each tool's module is imported when the tool is first opened, not with the window.
_TOOLS: dict[Tool, Callable[[Board, QWidget], ToolPage]] = {
    Tool.TIMER: _timer, Tool.PICKER: _picker, Tool.GROUPS: _groups, Tool.GOAL: _goal,
    Tool.NOISE: _noise}

"""The main window's menu: lesson actions, the points period, set-up and data."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from dojo_protocol.periods import PeriodKind

if TYPE_CHECKING:
    from dojo_desktop.ui.main_window import MainWindow


class WindowMenu(QMenu):
    """Every action of the window in one menu; shortcuts work while it is closed."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.setAccessibleName(self.tr("Menu"))
        self._add(self.tr("Undo last award"), window.undo_last, QKeySequence.StandardKey.Undo)
        self._add(self.tr("Student history…"), window.history_for_focused, "Ctrl+H")
        self._add(self.tr("Daily target…"),
                  lambda: window.screens.open_target(window.grid.focused_id()), "Ctrl+T")
        self.register_action = self._add(self.tr("Register…"), window.screens.open_register,
                                         "Ctrl+R")
        tools = window.screens.open_lesson_tools
        self.tool_actions = [
            self._add(self.tr("Timer…"), lambda: tools("timer"), "Ctrl+Shift+T"),
            self._add(self.tr("Random picker…"), lambda: tools("picker"), "Ctrl+P"),
            self._add(self.tr("Groups…"), lambda: tools("groups"), "Ctrl+G"),
            self._add(self.tr("Class goal…"), lambda: tools("goal"), "Ctrl+Shift+G"),
            self._add(self.tr("Noise meter…"), lambda: tools("noise"), "Ctrl+Shift+N")]
        self.addSeparator()
        period_menu = self.addMenu(self.tr("Points period"))
        self.period_actions = QActionGroup(self)
        names = {PeriodKind.DAILY: self.tr("Daily"), PeriodKind.WEEKLY: self.tr("Weekly"),
                 PeriodKind.MONTHLY: self.tr("Monthly"), PeriodKind.TERM: self.tr("Each term"),
                 PeriodKind.NEVER: self.tr("Never reset")}
        for kind, name in names.items():
            action = period_menu.addAction(name)
            action.setCheckable(True)
            action.setData(kind.value)
            self.period_actions.addAction(action)
        self.period_actions.triggered.connect(
            lambda action: window.set_period(PeriodKind(action.data())))
        self._show_period()
        self.aboutToShow.connect(self._show_period)  # another device may have changed it
        self.addSeparator()
        self.story_action = self._add(self.tr("Class story…"),
                                      window.screens.open_class_story, "Ctrl+Shift+S")
        self.approvals_action = self._add(self.tr("Story approvals…"),
                                          window.screens.open_story_approvals)
        self.messages_action = self._add(self.tr("Messages…"), window.screens.open_messages,
                                         "Ctrl+Shift+M")
        self.school_hours_action = self._add(self.tr("School hours for messages…"),
                                             window.screens.open_school_hours)
        self.aboutToShow.connect(self._count_waiting)
        self.addSeparator()
        self._add(self.tr("Skills…"), window.setup.edit_skills)
        self._add(self.tr("Students…"), window.setup.edit_roster)
        self._add(self.tr("New class…"), window.setup.new_class)
        self._add(self.tr("Import students from CSV…"), window.setup.import_csv)
        self._add(self.tr("Export all data as CSV…"), window.setup.export_csv)
        self._add(self.tr("Connect to school server…"), window.setup.pair_with_server)
        self.my_pin_action = self._add(self.tr("My PIN for the boards…"),
                                       window.setup.open_my_pin)
        self._show_own_device_rows()
        self.aboutToShow.connect(self._show_own_device_rows)  # enrolled since: shown then
        self._add(self.tr("Settings…"), window.setup.open_settings, "Ctrl+,")
        self.addSeparator()
        self._add(self.tr("Full screen"), window.toggle_full_screen, "F11")

    def _show_period(self) -> None:
        current = self._window.classroom.settings.period().value
        for action in self.period_actions.actions():
            action.setChecked(action.data() == current)

    def _count_waiting(self) -> None:
        """Name what waits: family messages to read, student items to approve."""
        class_id = self._window.class_id
        for action in (self.register_action, self.story_action, self.approvals_action,
                       self.messages_action, *self.tool_actions):
            action.setEnabled(class_id is not None)
        self.school_hours_action.setVisible(self._window.classroom.stories.may_post_to_school())
        if class_id is None:
            return
        classroom = self._window.classroom
        waiting = len(classroom.stories.approval_queue(class_id))
        unread = classroom.messages.unread_total(class_id)
        self.approvals_action.setText(
            self.tr("Story approvals ({count} waiting)…").format(count=waiting) if waiting
            else self.tr("Story approvals…"))
        self.messages_action.setText(
            self.tr("Messages ({count} new)…").format(count=unread) if unread
            else self.tr("Messages…"))

    def _show_own_device_rows(self) -> None:
        """The "My PIN" row only on a device enrolled for one person, never on a board."""
        self.my_pin_action.setVisible(not self._window.classroom.staff.is_shared())

    def _add(self, text: str, slot: Callable[[], None],
             shortcut: QKeySequence.StandardKey | str | None = None) -> QAction:
        action = self.addAction(text)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            self._window.addAction(action)
        return action

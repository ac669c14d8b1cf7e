"""The screens the main window opens over itself (the class story, story approvals, a
child's own story, messages, the register, a child's target, the lesson tools), joined to
its change signal
and closed with it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

from dojo_desktop.ui.changes import Writer

if TYPE_CHECKING:
    from dojo_desktop.ui.lesson_tools.sheet import LessonToolsSheet, Tool
    from dojo_desktop.ui.main_window import MainWindow
    from dojo_desktop.ui.student_history import StudentHistoryDialog


class Screens:
    """The story, message and lesson screens open over one main window."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.screens: list[QDialog] = []
        self.lesson_tools: LessonToolsSheet | None = None  # made at its first opening
        self.history: StudentHistoryDialog | None = None  # the last child's history opened

    def _show(self, dialog: QDialog, student_id: str | None = None) -> None:
        assert isinstance(dialog, Writer)
        self._window.changes.attach(dialog)
        self.screens.append(dialog)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.finished.connect(dialog.deleteLater)
        window = self._window
        from dojo_desktop.ui.dialog_sheet import child_card, present

        present(dialog, window, child_card(window.classroom, student_id) if student_id else None)

    def _forget(self, dialog: QDialog) -> None:
        if dialog in self.screens:
            self.screens.remove(dialog)

    def open_class_story(self) -> None:
        window = self._window
        if window.class_id is not None:
            from dojo_desktop.ui.class_story import ClassStoryDialog

            self._show(ClassStoryDialog(window.classroom, window.class_id, window))

    def open_story_approvals(self) -> None:
        window = self._window
        if window.class_id is not None:
            from dojo_desktop.ui.story_approvals import StoryApprovalsDialog

            self._show(StoryApprovalsDialog(window.classroom, window.class_id, window))

    def open_student_story(self, student_id: str) -> None:
        window = self._window
        if window.class_id is None:
            return
        from dojo_desktop.ui.student_story import StudentStoryDialog

        dialog = StudentStoryDialog(window.classroom, student_id, window.class_id, window)
        dialog.submitted.connect(lambda name: window.show_notice(
            QCoreApplication.translate(
                "StudentStoryDialog",
                "Thank you, {name}! Your teacher will look at it soon.").format(name=name)))
        self._show(dialog, student_id)

    def open_messages(self) -> None:
        window = self._window
        if window.class_id is not None:
            from dojo_desktop.ui.messages import MessagesDialog

            self._show(MessagesDialog(window.classroom, window.class_id, window))

    def open_school_hours(self) -> None:
        """A leader sets when the school's messages reach families."""
        from dojo_desktop.ui.message_hours import MessageHoursDialog

        self._show(MessageHoursDialog(self._window.classroom, self._window, school_policy=True))

    def open_register(self) -> None:
        """Today's register of the class on screen."""
        window = self._window
        if window.class_id is not None:
            from dojo_desktop.ui.register_screen import RegisterDialog

            self._show(RegisterDialog(window.classroom, window.class_id, window))

    def open_history(self, student_id: str) -> None:
        """A child's points, newest first (a long press on a tile, or the keyboard)."""
        from dojo_desktop.ui.dialog_sheet import child_card, present
        from dojo_desktop.ui.student_history import StudentHistoryDialog

        window = self._window
        dialog = StudentHistoryDialog(window.classroom, student_id, window.class_id,
                                      hide_needs_work=window.sound_and_privacy.privacy_on(),
                                      parent=window)
        window.changes.attach(dialog)
        dialog.target_requested.connect(self.open_target)
        dialog.finished.connect(dialog.deleteLater)
        present(dialog, window, child_card(window.classroom, student_id))
        self.history = dialog

    def open_target(self, student_id: str | None) -> None:
        """A child's own target for the day (the focused tile's from the keyboard)."""
        window = self._window
        if window.class_id is not None and student_id:
            from dojo_desktop.ui.target_dialog import TargetDialog

            self._show(TargetDialog(window.classroom, student_id, window.class_id, window),
                       student_id)

    def open_lesson_tools(self, tool: Tool | str | None = None) -> None:
        """The lesson tools over the grid, on ``tool`` (timer, picker, groups or goal;
        by default the one used last)."""
        from dojo_desktop.ui.lesson_tools.sheet import Tool

        window = self._window
        if window.class_id is not None:
            sheet = self._lesson_tools()
            sheet.open_tool(sheet.current_tool() if tool is None else Tool(tool),
                            window.class_id)

    def prepare_lesson_tools(self) -> None:
        """Make the sheet and its timer ahead (after the first paint), so the first tap on
        Tools only shows them."""
        from dojo_desktop.ui.lesson_tools.sheet import Tool

        window = self._window
        if window.class_id is not None and self.lesson_tools is None and window.isVisible():
            self._lesson_tools().prepare(Tool.TIMER, window.class_id)

    def _lesson_tools(self) -> LessonToolsSheet:
        from dojo_desktop.ui.lesson_tools.sheet import LessonToolsSheet
        from dojo_desktop.ui.lesson_tools.tool_page import Board

        window = self._window
        if self.lesson_tools is None:
            # The tiles hold every child's total: the goal sums them, as the class bar does.
            board = Board(window.classroom, window.pick_skill_for, window.award_students,
                          self._chime, lambda: sum(t.points() for t in window.grid.tiles()))
            self.lesson_tools = LessonToolsSheet(board, window.pages)
            window.changes.attach(self.lesson_tools)
            window.bar.class_chosen.connect(lambda _id: self._follow_class())
            # A class made, archived or renamed elsewhere may change the board's class too.
            window.changes.changed.connect(
                lambda changes: self._follow_class() if changes.classes else None)
        return self.lesson_tools

    def _follow_class(self) -> None:
        if self.lesson_tools is not None:
            self.lesson_tools.set_class(self._window.class_id)

    def _chime(self) -> None:
        sound = self._window.sound_and_privacy.sound
        if sound is not None:
            sound.play_timer_end()

    def close_all(self) -> None:
        """Close them with the window: they are windows of their own, so Qt would not."""
        for dialog in list(self.screens):
            dialog.reject()
        if self.lesson_tools is not None:
            self.lesson_tools.stop()

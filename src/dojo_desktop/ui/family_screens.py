"""Opening the class story, story approvals, a child's own story and messages from the
main window, and telling open screens what sync brought."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from dojo_desktop.services.views import Changes

if TYPE_CHECKING:
    from dojo_desktop.ui.main_window import MainWindow


def _show(window: MainWindow, dialog: QDialog) -> None:
    screens = window.family_screens
    screens.append(dialog)
    dialog.finished.connect(lambda _result: screens.remove(dialog) if dialog in screens else None)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def open_class_story(window: MainWindow) -> None:
    if window.class_id is None:
        return
    from dojo_desktop.ui.class_story import ClassStoryDialog

    _show(window, ClassStoryDialog(window.classroom, window.class_id, window))


def open_story_approvals(window: MainWindow) -> None:
    if window.class_id is None:
        return
    from dojo_desktop.ui.story_approvals import StoryApprovalsDialog

    _show(window, StoryApprovalsDialog(window.classroom, window.class_id, window))


def open_student_story(window: MainWindow, student_id: str) -> None:
    if window.class_id is None:
        return
    from dojo_desktop.ui.student_story import StudentStoryDialog

    dialog = StudentStoryDialog(window.classroom, student_id, window.class_id, window)
    dialog.submitted.connect(lambda name: window.show_notice(
        window.tr("Thank you, {name}! Your teacher will look at it soon.").format(name=name)))
    _show(window, dialog)


def open_messages(window: MainWindow) -> None:
    if window.class_id is None:
        return
    from dojo_desktop.ui.messages import MessagesDialog

    _show(window, MessagesDialog(window.classroom, window.class_id, window))


def refresh_open_screens(window: MainWindow, changes: Changes) -> None:
    """Another device posted, approved, replied or read: repaint the screens that show it."""
    if not (changes.stories or changes.messages):
        return
    for dialog in list(window.family_screens):
        reload = getattr(dialog, "reload", None)
        if callable(reload):
            reload()

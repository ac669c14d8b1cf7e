"""The question asked before a needs-work point goes to many children at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from dojo_desktop.ui.message_sheet import MessageSheet, ask


def ask_needs_work(parent: QWidget, skill: str, points: int, count: int,
                   give: Callable[[], object]) -> MessageSheet:
    """Open the question (Cancel is the default); ``give`` runs only if the teacher
    confirms. Returns the open question."""
    translate = QCoreApplication.translate
    give_words = translate("MainWindow", "Give it to all {count}").format(count=count)
    return ask(parent, translate("MainWindow", "Needs work for everyone?"),
               translate("MainWindow", "Give “{skill}” ({points}) to all {count} children?")
               .format(skill=skill, points=points, count=count),
               yes=(give_words, give_words), no=translate("MainWindow", "Cancel"),
               on_yes=give)

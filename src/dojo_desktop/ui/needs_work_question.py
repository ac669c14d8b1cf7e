"""The question asked before a needs-work point goes to many children at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_needs_work(parent: QWidget, skill: str, points: int, count: int,
                   give: Callable[[], object]) -> QMessageBox:
    """Open the question (Cancel is the default); ``give`` runs only if the teacher
    confirms. Returns the open box."""
    translate = QCoreApplication.translate
    title = translate("MainWindow", "Needs work for everyone?")
    text = translate("MainWindow", "Give “{skill}” ({points}) to all {count} children?")
    box = QMessageBox(QMessageBox.Icon.Question, title,
                      text.format(skill=skill, points=points, count=count),
                      QMessageBox.StandardButton.Cancel, parent)
    yes = box.addButton(translate("MainWindow", "Give it to all {count}").format(count=count),
                        QMessageBox.ButtonRole.AcceptRole)
    yes.setAccessibleName(yes.text())
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAccessibleName(box.windowTitle())
    box.finished.connect(box.deleteLater)
    box.buttonClicked.connect(lambda button: give() if button is yes else None)
    box.open()
    return box

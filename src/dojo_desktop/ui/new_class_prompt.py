"""The new school year's one-time question on a board: "Year 4 is this year's class for
this board. Open it?", asked when the class it showed was followed by a new one."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from dojo_desktop.services.errors import StorageError
from dojo_desktop.services.school_year import NewClassOffer, SchoolYearService


class NewClassPrompt(QObject):
    """Asks once per class followed by a new one; ``open_class`` opens the new class."""

    def __init__(self, school_year: SchoolYearService, open_class: Callable[[str], None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._school_year, self._open_class, self._parent = school_year, open_class, parent
        self.box: QMessageBox | None = None  # the question while it is open

    def ask_for(self, shown_class_id: str | None) -> bool:
        """Ask about the class that followed ``shown_class_id``, if there is one not asked
        about before; returns whether a question is open."""
        if self.box is not None:
            return True
        offer = self._school_year.offer(shown_class_id)
        if offer is None:
            return False
        self._ask(offer)
        return True

    def _ask(self, offer: NewClassOffer) -> None:
        title = self.tr("This year's class")
        text = self.tr("{name} is this year's class for this board. Open it?").format(
            name=offer.name)
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.NoButton, self._parent)
        # Short words on the buttons (the question names the class): a message box is
        # never wider than 1,000 px, which a board's large type fills quickly.
        open_button = box.addButton(self.tr("Open it"), QMessageBox.ButtonRole.AcceptRole)
        open_button.setAccessibleName(self.tr("Open {name}").format(name=offer.name))
        later = box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        later.setAccessibleName(later.text())
        box.setAccessibleName(title)
        box.setAccessibleDescription(text)
        box.setDefaultButton(open_button)
        box.setEscapeButton(later)

        def answered(button: QAbstractButton) -> None:
            with suppress(StorageError):  # not saved: asked again next time, nothing lost
                self._school_year.answered(offer)
            if button is open_button:
                self._open_class(offer.class_id)

        box.buttonClicked.connect(answered)
        box.finished.connect(self._closed)
        self.box = box
        box.open()

    def _closed(self) -> None:
        if self.box is not None:
            self.box.deleteLater()
            self.box = None

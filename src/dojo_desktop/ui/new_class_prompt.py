"""The new school year's one-time question on a board: "Year 4 is this year's class for
this board. Open it?", asked when the class it showed was followed by a new one."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from dojo_desktop.services.errors import StorageError
from dojo_desktop.services.school_year import NewClassOffer, SchoolYearService

if TYPE_CHECKING:
    from dojo_desktop.ui.message_sheet import MessageSheet


class NewClassPrompt(QObject):
    """Asks once per class followed by a new one; ``open_class`` opens the new class."""

    def __init__(self, school_year: SchoolYearService, open_class: Callable[[str], None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._school_year, self._open_class, self._parent = school_year, open_class, parent
        self.box: MessageSheet | None = None  # the question while it is open

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
        from dojo_desktop.ui.message_sheet import ask

        # Short words on the buttons: the question names the class.
        self.box = ask(
            self._parent, self.tr("This year's class"),
            self.tr("{name} is this year's class for this board. Open it?").format(
                name=offer.name),
            yes=(self.tr("Open it"), self.tr("Open {name}").format(name=offer.name)),
            no=self.tr("Not now"), yes_is_safe=True,
            on_answer=lambda yes: self._answered(offer, yes))

    def _answered(self, offer: NewClassOffer, yes: bool) -> None:
        self.box = None
        with suppress(StorageError):  # not saved: asked again next time, nothing lost
            self._school_year.answered(offer)
        if yes:
            self._open_class(offer.class_id)

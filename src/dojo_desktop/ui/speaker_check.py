"""Before a screen posts, messages or approves on a shared board: the PIN of the person
it speaks for (``services/staff.py`` says when one is needed)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from dojo_desktop.services.staff import StaffService
from dojo_desktop.ui.dialog_sheet import present
from dojo_desktop.ui.pin_dialog import PinDialog


def when_speaker_confirmed(parent: QWidget, staff: StaffService,
                           then: Callable[[], None]) -> PinDialog | None:
    """Run ``then`` at once if nothing needs confirming, else once the right PIN is typed
    in the dialog returned (opened, not blocking); cancelling it runs nothing."""
    if not staff.needs_pin():
        then()
        return None
    dialog = PinDialog(staff, staff.members(), staff.current(), parent)
    dialog.accepted.connect(then)
    dialog.finished.connect(dialog.deleteLater)
    # Over the whole window on a board, like the screen that asked for it.
    present(dialog, parent.window())
    return dialog

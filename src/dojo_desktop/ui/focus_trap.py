"""Tab and Shift+Tab kept inside a sheet over the window (not on the grid behind it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def focus_within(sheet: QWidget, forward: bool) -> bool:
    """Move the focus to the next (or previous) control of ``sheet`` that takes Tab;
    what ``focusNextPrevChild`` returns."""
    widget: QWidget | None = sheet.focusWidget() or sheet
    for _ in range(1000):
        if widget is None:
            break
        widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
        if (widget is not None and sheet.isAncestorOf(widget) and widget.isVisible()
                and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            widget.setFocus(Qt.FocusReason.TabFocusReason if forward
                            else Qt.FocusReason.BacktabFocusReason)
            return True
    return False

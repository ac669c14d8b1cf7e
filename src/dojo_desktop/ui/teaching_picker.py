"""*Who is teaching?* on a shared board: the school's staff by name, the class's own
teachers first, at the start of the status line (the class bar has no room left at 1280
pixels).

Picking a name needs no PIN: awards carry it from then on, and anything that speaks for
the person asks for their PIN (``ui/speaker_check.py``). The button shows who is teaching
and goes back to the question when the name expires (``core/teaching.py``). On a device
enrolled for one person, or one that knows no staff yet, it is hidden.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from dojo_desktop.services.staff import MEMBER_KIND, PIN_KIND, StaffService
from dojo_desktop.services.views import Changes
from dojo_desktop.ui.resources import touch_target_px


class TeachingPicker(QObject):
    """``button`` (a child of ``parent``; the window puts it in its status line) opens the
    staff as a menu."""

    def __init__(self, staff: StaffService, parent: QWidget,
                 class_id: Callable[[], str | None] = lambda: None) -> None:
        super().__init__(parent)
        self._staff, self._class_id = staff, class_id
        self.button = QToolButton(parent)
        self.button.setMinimumHeight(touch_target_px(parent))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.button.setToolTip(self.tr("Pick your name: awards from here carry it"))
        self.menu = QMenu(self.button)
        self.menu.setAccessibleName(self.tr("Staff"))
        self.button.setMenu(self.menu)
        # Fires when the name shown would expire: shown again then (or kept, if tapped since).
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)
        self.menu.aboutToShow.connect(self.refresh)
        self.refresh()

    def follow_scale(self) -> None:
        """A finger's height at the app's new scale (a new reading distance)."""
        self.button.setMinimumHeight(touch_target_px(self.button.parentWidget()))

    def refresh(self) -> None:
        """Show who is teaching now and list the staff again."""
        shown = self._staff.is_shared() and self._staff.knows_staff()
        self.button.setVisible(shown)
        if not shown:
            self._timer.stop()
            return
        current = self._staff.current()
        expires = self._staff.expires_in_ms()
        if expires is None:
            self._timer.stop()
        else:
            self._timer.start(expires + 1000)
        text = current.name if current is not None else self.tr("Who is teaching?")
        self.button.setText(text)
        self.button.setAccessibleName(
            self.tr("Teaching: {name}").format(name=current.name) if current is not None
            else text)
        self.menu.clear()
        teachers = self._staff.teachers_of(self._class_id())
        members = self._staff.members()
        ours = [m for m in members if m.id in teachers]
        for group in (ours, [m for m in members if m.id not in teachers]):
            for member in group:
                action = QAction(member.name, self.menu)
                action.setCheckable(True)
                action.setChecked(current is not None and member.id == current.id)
                action.triggered.connect(
                    lambda _=False, staff_id=member.id: self.pick(staff_id))
                self.menu.addAction(action)
            if group and group is ours:
                self.menu.addSeparator()  # the class's teachers, then everyone else
        self.menu.addSeparator()
        nobody = QAction(self.tr("Nobody (forget my name)"), self.menu)
        nobody.setEnabled(current is not None)
        nobody.triggered.connect(lambda: self.pick(None))
        self.menu.addAction(nobody)

    def pick(self, staff_id: str | None) -> None:
        self._staff.pick(staff_id)
        self.refresh()

    def show_changes(self, changes: Changes) -> None:
        """Staff or PINs arrived or changed: list them again."""
        if changes.records & {MEMBER_KIND, PIN_KIND}:
            self.refresh()

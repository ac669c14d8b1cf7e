"""The set-up screens: skills, students, new class, CSV, school server, sync details, settings.

Each screen's module loads when it first opens, not with the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

if TYPE_CHECKING:
    from dojo_desktop.services.views import Changes
    from dojo_desktop.ui.main_window import MainWindow


class SetupScreens:
    """Opens each set-up screen over one main window, joined to its change signal."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def _open(self, dialog: QDialog) -> None:
        from dojo_desktop.ui.dialog_sheet import present

        dialog.finished.connect(dialog.deleteLater)
        present(dialog, self._window)

    def edit_skills(self) -> None:
        from dojo_desktop.ui.skill_editor import SkillEditorDialog

        window = self._window
        dialog = SkillEditorDialog(window.classroom, window.class_id, window)
        window.changes.attach(dialog)
        self._open(dialog)

    def edit_roster(self) -> None:
        window = self._window
        if window.class_id is None:
            return
        from dojo_desktop.ui.roster_editor import RosterEditorDialog

        dialog = RosterEditorDialog(window.classroom, window.class_id, window)
        window.changes.attach(dialog)
        self._open(dialog)

    def new_class(self) -> None:
        from dojo_desktop.ui.class_dialog import ask_new_class

        class_id = ask_new_class(self._window.classroom, self._window)
        if class_id:
            self._window.open_new_class(class_id)
            self.edit_roster()

    def import_csv(self) -> None:
        from dojo_desktop.ui.csv_import import import_roster_csv

        window = self._window
        import_roster_csv(window.classroom, window.class_id, window, imported=self._imported,
                          refused=self._import_refused)

    def _imported(self, status: str, changes: Changes) -> None:
        from dojo_desktop.ui.message_sheet import Kind, tell

        self._window.changes.publish(changes)
        tell(self._window, QCoreApplication.translate("SetupScreens", "Import finished"), status,
             Kind.NOTICE)

    def _import_refused(self, reason: str) -> None:
        from dojo_desktop.ui.message_sheet import tell

        tell(
            self._window, QCoreApplication.translate("SetupScreens", "Nothing was imported"),
            reason)

    def export_csv(self) -> None:
        from dojo_desktop.ui.data_export import export_all_csv

        window = self._window
        export_all_csv(window.classroom, window,
                       exported=lambda status: window.statusBar().showMessage(status, 8000),
                       refused=window.show_error)

    def pair_with_server(self) -> None:
        from dojo_desktop.ui.pairing_dialog import PairingDialog

        dialog = PairingDialog(self._window.classroom, self._window)
        dialog.paired.connect(lambda _pairing: self._window.paired.emit())
        self._open(dialog)

    def show_sync_details(self) -> None:
        from dojo_desktop.ui.event_kind_words import kind_words
        from dojo_desktop.ui.sync_indicator import SyncDetailsDialog

        window = self._window
        sync = window.classroom.sync
        rejected = [(kind_words(item.kind), reason)
                    for item, reason in sync.rejected()] if sync.server_url() else []
        dialog = SyncDetailsDialog(window.sync_indicator.status, rejected, window)
        dialog.connect_requested.connect(self.pair_with_server)
        self._open(dialog)

    def open_my_pin(self) -> None:
        """On a device enrolled for one person: the PIN they type on the boards. A shared
        device has no person of its own, so nothing opens there."""
        window = self._window
        if window.classroom.staff.is_shared():
            return
        from dojo_desktop.ui.my_pin_dialog import MyPinDialog

        dialog = MyPinDialog(window.classroom.staff, window)
        window.changes.attach(dialog)
        self._open(dialog)

    def open_settings(self) -> None:
        from dojo_desktop.ui.settings_dialog import SettingsDialog

        window = self._window
        dialog = SettingsDialog(window.classroom, window)
        dialog.privacy_changed.connect(window.sound_and_privacy.privacy_from_settings)
        dialog.sound_changed.connect(window.sound_and_privacy.sound_from_settings)
        dialog.connect_requested.connect(self.pair_with_server)
        dialog.reading_distance_changed.connect(window.set_reading_distance)
        self._open(dialog)

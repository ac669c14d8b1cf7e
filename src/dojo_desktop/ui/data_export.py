"""Export all data as CSV files: awards, students, classes and skills."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import Cancelled
from dojo_desktop.ui.operations import Progress, run_in_background
from dojo_desktop.ui.translations import error_text

SaveAsker = Callable[[QWidget, str, Path, str], Path | None]


def ask_save_file(parent: QWidget, title: str, suggested: Path, name_filter: str) -> Path | None:
    """The system's save-file dialog; None when cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), name_filter)
    return Path(chosen) if chosen else None


def export_all_csv(classroom: Classroom, parent: QWidget, *,
                   exported: Callable[[str], None], refused: Callable[[str], None],
                   ask_file: SaveAsker = ask_save_file) -> None:
    """Ask where, then write the files off the GUI thread (a progress dialog with Cancel
    shows over ``parent`` if it takes over a second); ``exported`` gets the line for the
    status bar, ``refused`` the reason it failed or was cancelled."""
    translate = QCoreApplication.translate
    path = ask_file(parent, translate("DataExport", "Export all data"),
                    Path.home() / "dojo-export.csv", translate("DataExport", "CSV files (*.csv)"))
    if path is None:
        return
    progress = Progress(parent, translate("DataExport", "Exporting all data…"))

    def done(written: list[Path]) -> None:
        exported(translate("DataExport", "Exported {count} files to {folder}.").format(
            count=len(written), folder=written[0].parent))

    def failed(exc: Exception) -> None:
        refused(translate("DataExport", "Export cancelled: no files were kept.")
                if isinstance(exc, Cancelled) else error_text(exc))

    run_in_background(lambda: classroom.export_csv(path, progress.report), done, failed,
                      progress=progress)

"""Export every table as CSV files from the main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError
from dojo_desktop.ui.error_text import error_text


def export_all_csv(classroom: Classroom, parent: QWidget) -> str | None:
    """Ask where, write the files; what to tell the user, or None if cancelled or refused."""
    translate = QCoreApplication.translate
    path, _ = QFileDialog.getSaveFileName(
        parent, translate("CsvExport", "Export all data"), str(Path.home() / "dojo-export.csv"),
        translate("CsvExport", "CSV files (*.csv)"))
    if not path:
        return None
    try:
        written = classroom.export_csv(Path(path))
    except InvalidInputError as exc:
        QMessageBox.warning(parent, translate("CsvExport", "Not saved"), error_text(exc))
        return None
    return translate("CsvExport", "Exported {count} files to {folder}.").format(
        count=len(written), folder=written[0].parent)

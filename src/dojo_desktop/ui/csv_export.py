"""Export every table as CSV files from the main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError


def _tr(text: str) -> str:
    return QCoreApplication.translate("CsvExport", text)


def export_all_csv(classroom: Classroom, parent: QWidget) -> str | None:
    """Ask where, write the files; what to tell the user, or None if cancelled or refused."""
    path, _ = QFileDialog.getSaveFileName(parent, _tr("Export all data"),
                                          str(Path.home() / "dojo-export.csv"),
                                          _tr("CSV files (*.csv)"))
    if not path:
        return None
    try:
        written = classroom.export_csv(Path(path))
    except InvalidInputError as exc:
        QMessageBox.warning(parent, _tr("Not saved"), str(exc))
        return None
    return _tr("Exported {count} files to {folder}.").format(count=len(written),
                                                             folder=written[0].parent)

"""CSV from the main window: import a roster (all of it, or every problem), export all data."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError, RosterCsvError, StorageError
from dojo_desktop.services.views import Changes
from dojo_desktop.ui.avatar_chooser import FileAsker, ask_open_file
from dojo_desktop.ui.error_text import error_text
from dojo_desktop.ui.import_problems import ImportProblemsDialog


def import_roster_csv(classroom: Classroom, class_id: str | None, parent: QWidget,
                      ask_file: FileAsker = ask_open_file) -> Changes | None:
    """Ask for a file and import it into ``class_id`` (rows may name their own class).

    Returns what the import changed, or None when nothing was imported. A refused file
    opens the problems list; nothing is stored unless the whole file is good.
    """
    translate = QCoreApplication.translate
    path = ask_file(parent, translate("CsvImport", "Import students from a CSV file"),
                    translate("CsvImport", "CSV files (*.csv);;All files (*)"))
    if path is None:
        return None
    try:
        count, changes = classroom.roster.import_csv(path, class_id)
    except RosterCsvError as exc:
        problems = ImportProblemsDialog(exc.problems, path.name, parent)
        problems.finished.connect(problems.deleteLater)
        problems.open()
        return None
    except (InvalidInputError, StorageError) as exc:
        QMessageBox.warning(parent, translate("CsvImport", "Nothing was imported"), error_text(exc))
        return None
    message = (translate("CsvImport", "Imported 1 student.") if count == 1
               else translate("CsvImport", "Imported {count} students.").format(count=count))
    QMessageBox.information(parent, translate("CsvImport", "Import finished"), message)
    return changes


def export_all_csv(classroom: Classroom, parent: QWidget) -> str | None:
    """Ask where, export every table as CSV; the line for the status bar, or None."""
    translate = QCoreApplication.translate
    path, _ = QFileDialog.getSaveFileName(parent, translate("CsvImport", "Export all data"),
                                          str(Path.home() / "dojo-export.csv"),
                                          translate("CsvImport", "CSV files (*.csv)"))
    if not path:
        return None
    try:
        written = classroom.export_csv(Path(path))
    except InvalidInputError as exc:
        QMessageBox.warning(parent, translate("CsvImport", "Not saved"), error_text(exc))
        return None
    return translate("CsvImport", "Exported {count} files to {folder}.").format(
        count=len(written), folder=written[0].parent)

"""Import students from a CSV file: all of it or, if any line is wrong, every problem."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import Cancelled, RosterCsvError
from dojo_desktop.services.views import Changes
from dojo_desktop.ui.avatar_chooser import FileAsker, ask_open_file
from dojo_desktop.ui.import_problems import ImportProblemsDialog
from dojo_desktop.ui.operations import Progress, run_in_background
from dojo_desktop.ui.translations import error_text


def import_roster_csv(classroom: Classroom, class_id: str | None, parent: QWidget, *,
                      imported: Callable[[str, Changes], None],
                      refused: Callable[[str], None],
                      ask_file: FileAsker = ask_open_file) -> None:
    """Ask for a file and import it into ``class_id`` (rows may name their own class).

    The file is read, checked and stored off the GUI thread, with a progress dialog
    (and Cancel) over ``parent`` if that takes over a second. Then ``imported`` gets
    what to tell the user and what changed; a refused file opens the problems list over
    ``parent``; any other failure, or Cancel, calls ``refused`` with the reason. Nothing
    is stored unless the whole file is good.
    """
    translate = QCoreApplication.translate
    path = ask_file(parent, translate("CsvImport", "Import students from a CSV file"),
                    translate("CsvImport", "CSV files (*.csv);;All files (*)"))
    if path is None:
        return
    progress = Progress(parent, translate("CsvImport", "Importing students…"))

    def done(result: tuple[int, Changes]) -> None:
        count, changes = result
        imported(translate("CsvImport", "Imported 1 student.") if count == 1 else
                 translate("CsvImport", "Imported {count} students.").format(count=count),
                 changes)

    def failed(exc: Exception) -> None:
        if isinstance(exc, RosterCsvError):
            problems = ImportProblemsDialog(exc.problems, path.name, parent)
            problems.finished.connect(problems.deleteLater)
            problems.open()
        elif isinstance(exc, Cancelled):
            refused(translate("CsvImport", "Import cancelled: nothing was imported."))
        else:
            refused(error_text(exc))

    run_in_background(lambda: classroom.roster.import_csv(path, class_id, progress.report),
                      done, failed, progress=progress)

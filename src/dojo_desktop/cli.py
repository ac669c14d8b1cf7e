"""Command-line verbs: export and roster import, without starting the GUI."""

from __future__ import annotations

import sys
from pathlib import Path

from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.services.errors import (
    DamagedDatabaseError,
    FolderInUseError,
    InvalidInputError,
    NewerDatabaseError,
    RosterCsvError,
    StorageError,
)


def _open(data_dir: Path) -> Classroom | None:
    """The classroom in ``data_dir``, or None after saying why it cannot be used here. A
    damaged database is left where it is, for the app to offer its backups."""
    try:
        return open_classroom(data_dir, set_damage_aside=False)
    except (NewerDatabaseError, FolderInUseError, DamagedDatabaseError,
            InvalidInputError) as exc:
        print(exc, file=sys.stderr)
        return None


def export_command(data_dir: Path, out: Path) -> int:
    """Write all data as CSV; print the files written."""
    classroom = _open(data_dir)
    if classroom is None:
        return 2
    try:
        for path in classroom.export_csv(out):
            print(path)
    except InvalidInputError as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        classroom.close()
    return 0


def import_roster_command(data_dir: Path, csv_file: Path, class_name: str | None) -> int:
    """Import a roster CSV, all or nothing; print every problem of a refused file."""
    classroom = _open(data_dir)
    if classroom is None:
        return 2
    try:
        class_id = None
        if class_name:
            match = [c.id for c in classroom.roster.classes() if c.name == class_name]
            class_id = match[0] if match else None
        # A class that does not exist yet is made with the students, or not at all.
        done = classroom.roster.import_roster(csv_file, class_id,
                                              new_class_name=class_name if class_id is None
                                              else None)
        print(f"Imported {done.added} students.")
        for line, name in done.matched:
            print(f"  line {line}: {name} is already on the roster and was not added again")
        for line, earlier in done.repeated:
            print(f"  line {line} repeats line {earlier} and was imported once")
        return 0
    except RosterCsvError as exc:
        print("Nothing was imported. Fix these lines and import again:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except (InvalidInputError, StorageError) as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        classroom.close()

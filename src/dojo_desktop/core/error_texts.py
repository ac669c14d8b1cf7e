"""Messages a teacher can see, as an id with parameters; the English text of each id.

Services and core say what went wrong with a :class:`Message`; ``str()`` of it is the
English text (the command line prints that). The window shows the same id through a
translatable string of its own (``dojo_desktop.ui.error_text``), so no Qt is needed here.
"""

from __future__ import annotations

from dataclasses import dataclass

ENGLISH: dict[str, str] = {
    # Roster CSV files, one problem each (shown after "Line 3, column “First name”: ").
    "csv.not_text": "the file is not text (byte {byte} cannot be read)",
    "csv.binary": "the file is not a CSV text file",
    "csv.empty": ("the file is empty; the first line must name the columns, "
                  "e.g. First name,Last name,Class"),
    "csv.unreadable": "cannot be read: {reason}",
    "csv.missing_column": "no “{column}” column (the columns found are: {found})",
    "csv.missing_column_no_header": "no “{column}” column (the first line names no columns)",
    "csv.no_students": "the file has a header but no students",
    "csv.too_many_rows": "more than {max} students; split the file",
    "csv.too_many_values": "{values} values but the header names {columns} columns",
    "csv.empty_value": "is empty",
    "csv.too_long": "is longer than {max} characters",
    "csv.duplicate": "the same student is on line {line}",
    # Importing a roster file.
    "roster.file_too_big": "{file} is larger than 2 MB; is it a roster?",
    "roster.file_unreadable": "{file} cannot be read ({reason}).",
    "roster.no_class": "Some rows name no class. Add a “Class” column or open a class first.",
    "roster.student_gone": "That student is no longer on the roster.",
    # Avatar pictures.
    "avatar.cannot_open": "The file {file} cannot be opened ({reason}).",
    "avatar.file_too_big": "{file} is {size} MB; choose a picture under {max} MB.",
    "avatar.too_many_pixels": "{file} is too large ({width}×{height} pixels).",
    "avatar.not_a_picture": ("{file} is not a picture Dojo Desktop can read (PNG, JPEG, GIF, "
                             "WebP or BMP)."),
    "avatar.damaged": "{file} looks damaged or cut short, so it cannot be used.",
    # Exporting.
    "export.cannot_write": ("The export could not be written to {folder} ({reason}). Choose "
                            "another folder; nothing in the class database was changed."),
    # Names in the roster and class editors.
    "name.class_empty": "The class name cannot be empty.",
    "name.class_too_long": "The class name is longer than {max} characters.",
    "name.first_empty": "The first name cannot be empty.",
    "name.first_too_long": "The first name is longer than {max} characters.",
    "name.last_too_long": "The last name is longer than {max} characters.",
    # Skills.
    "skill.no_name": "A skill needs a name.",
    "skill.name_too_long": "A skill name can be at most {max} characters.",
    "skill.criteria_too_long": "The criteria can be at most {max} characters.",
    "skill.points_positive": "A positive skill gives 1 to {max} points, not {points}.",
    "skill.points_needs_work": "A needs-work skill gives -1 to {min} points, not {points}.",
    "skill.gone": "That skill does not exist.",
    # Awards.
    "award.no_students": "Choose at least one student.",
    "award.skill_gone": "That skill is no longer available.",
}


@dataclass(frozen=True)
class Message:
    """A message id from :data:`ENGLISH` and the values for its ``{placeholders}``."""

    id: str
    params: tuple[tuple[str, str | int], ...] = ()

    def arguments(self) -> dict[str, str | int]:
        return dict(self.params)

    def __str__(self) -> str:
        return ENGLISH[self.id].format(**self.arguments())


def message(message_id: str, /, **params: str | int) -> Message:
    """``message("csv.too_long", max=60)``; an unknown id fails at once, not when shown."""
    if message_id not in ENGLISH:
        raise KeyError(f"no message {message_id!r}")
    return Message(message_id, tuple(sorted(params.items())))

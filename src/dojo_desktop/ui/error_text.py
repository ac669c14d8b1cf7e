"""What went wrong, in the user's language: each message id of core.error_texts as a tr() string.

Services raise English text with a message id (``InvalidInputError.message``, a roster
file's ``CsvProblem.key``); the window shows the id's translation instead. An error
without an id (a storage failure) is shown as it came.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from dojo_desktop.services.errors import CsvProblem, InvalidInputError, Message


def catalogue() -> dict[str, str]:
    """Every message id with its text in the current language (tests check it is complete)."""
    translate = QCoreApplication.translate  # lupdate finds the texts by this name
    return {
        "csv.not_text": translate(
            "Errors",
            "the file is not text (byte {byte} cannot be read)"),
        "csv.binary": translate(
            "Errors",
            "the file is not a CSV text file"),
        "csv.empty": translate(
            "Errors",
            "the file is empty; the first line must name the columns, e.g. First name,Last "
            "name,Class"),
        "csv.unreadable": translate(
            "Errors",
            "cannot be read: {reason}"),
        "csv.missing_column": translate(
            "Errors",
            "no “{column}” column (the columns found are: {found})"),
        "csv.missing_column_no_header": translate(
            "Errors",
            "no “{column}” column (the first line names no columns)"),
        "csv.no_students": translate(
            "Errors",
            "the file has a header but no students"),
        "csv.too_many_rows": translate(
            "Errors",
            "more than {max} students; split the file"),
        "csv.too_many_values": translate(
            "Errors",
            "{values} values but the header names {columns} columns"),
        "csv.empty_value": translate(
            "Errors",
            "is empty"),
        "csv.too_long": translate(
            "Errors",
            "is longer than {max} characters"),
        "csv.duplicate": translate(
            "Errors",
            "the same student is on line {line}"),
        "roster.file_too_big": translate(
            "Errors",
            "{file} is larger than 2 MB; is it a roster?"),
        "roster.file_unreadable": translate(
            "Errors",
            "{file} cannot be read ({reason})."),
        "roster.no_class": translate(
            "Errors",
            "Some rows name no class. Add a “Class” column or open a class first."),
        "roster.student_gone": translate(
            "Errors",
            "That student is no longer on the roster."),
        "avatar.cannot_open": translate(
            "Errors",
            "The file {file} cannot be opened ({reason})."),
        "avatar.file_too_big": translate(
            "Errors",
            "{file} is {size} MB; choose a picture under {max} MB."),
        "avatar.too_many_pixels": translate(
            "Errors",
            "{file} is too large ({width}×{height} pixels)."),
        "avatar.not_a_picture": translate(
            "Errors",
            "{file} is not a picture Dojo Desktop can read (PNG, JPEG, GIF, WebP or BMP)."),
        "avatar.damaged": translate(
            "Errors",
            "{file} looks damaged or cut short, so it cannot be used."),
        "export.cannot_write": translate(
            "Errors",
            "The export could not be written to {folder} ({reason}). Choose another folder;"
            " nothing in the class database was changed."),
        "name.class_empty": translate(
            "Errors",
            "The class name cannot be empty."),
        "name.class_too_long": translate(
            "Errors",
            "The class name is longer than {max} characters."),
        "name.first_empty": translate(
            "Errors",
            "The first name cannot be empty."),
        "name.first_too_long": translate(
            "Errors",
            "The first name is longer than {max} characters."),
        "name.last_too_long": translate(
            "Errors",
            "The last name is longer than {max} characters."),
        "skill.no_name": translate(
            "Errors",
            "A skill needs a name."),
        "skill.name_too_long": translate(
            "Errors",
            "A skill name can be at most {max} characters."),
        "skill.criteria_too_long": translate(
            "Errors",
            "The criteria can be at most {max} characters."),
        "skill.points_positive": translate(
            "Errors",
            "A positive skill gives 1 to {max} points, not {points}."),
        "skill.points_needs_work": translate(
            "Errors",
            "A needs-work skill gives -1 to {min} points, not {points}."),
        "skill.gone": translate(
            "Errors",
            "That skill does not exist."),
        "award.no_students": translate(
            "Errors",
            "Choose at least one student."),
        "award.skill_gone": translate(
            "Errors",
            "That skill is no longer available."),
    }

def message_text(message: Message) -> str:
    """``message`` in the current language (English when the id has no translation)."""
    template = catalogue().get(message.id)
    if template is None:
        return str(message)
    try:
        return template.format(**message.arguments())
    except (KeyError, IndexError, ValueError):
        return str(message)  # a translation with a broken placeholder: English, not a crash


def error_text(error: BaseException) -> str:
    """What to show for an error a service raised."""
    if isinstance(error, InvalidInputError) and error.message is not None:
        return message_text(error.message)
    return str(error)


def problem_text(problem: CsvProblem) -> str:
    """The message part of one roster-file problem."""
    return message_text(problem.key) if problem.key is not None else problem.message

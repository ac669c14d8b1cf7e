"""The one catalogue of errors a teacher can see: each message id and its English text.

Services and core say what went wrong with a :class:`Message`; ``str()`` of it is the
English text (the command line prints that). The window shows the text in the teacher's
language: ``pyside6-lupdate`` finds each text here by its ``QT_TRANSLATE_NOOP`` mark, and
``dojo_desktop.ui.translations.error_text`` looks it up under the same context, so no Qt
is needed here and no text is written twice.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT = "Errors"  # where the translations file keeps these texts


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation under ``context`` and return it unchanged."""
    assert context == CONTEXT
    return text

ENGLISH: dict[str, str] = {
    # Roster CSV files, one problem each (shown after "Line 3, column “First name”: ").
    "csv.not_text": QT_TRANSLATE_NOOP(
        "Errors", "the file is not text (byte {byte} cannot be read)"),
    "csv.binary": QT_TRANSLATE_NOOP("Errors", "the file is not a CSV text file"),
    "csv.empty": QT_TRANSLATE_NOOP(
        "Errors", "the file is empty; the first line must name the columns, e.g. First name,Last "
                  "name,Class"),
    "csv.unreadable": QT_TRANSLATE_NOOP("Errors", "cannot be read: {reason}"),
    "csv.missing_column": QT_TRANSLATE_NOOP(
        "Errors", "no “{column}” column (the columns found are: {found})"),
    "csv.missing_column_no_header": QT_TRANSLATE_NOOP(
        "Errors", "no “{column}” column (the first line names no columns)"),
    "csv.no_students": QT_TRANSLATE_NOOP("Errors", "the file has a header but no students"),
    "csv.too_many_rows": QT_TRANSLATE_NOOP("Errors", "more than {max} students; split the file"),
    "csv.too_many_values": QT_TRANSLATE_NOOP(
        "Errors", "{values} values but the header names {columns} columns"),
    "csv.empty_value": QT_TRANSLATE_NOOP("Errors", "is empty"),
    "csv.too_long": QT_TRANSLATE_NOOP("Errors", "is longer than {max} characters"),
    "csv.duplicate": QT_TRANSLATE_NOOP("Errors", "the same student is on line {line}"),
    # Importing a roster file.
    "roster.file_too_big": QT_TRANSLATE_NOOP(
        "Errors", "{file} is larger than 2 MB; is it a roster?"),
    "roster.file_unreadable": QT_TRANSLATE_NOOP("Errors", "{file} cannot be read ({reason})."),
    "roster.no_class": QT_TRANSLATE_NOOP(
        "Errors", "Some rows name no class. Add a “Class” column or open a class first."),
    "roster.student_gone": QT_TRANSLATE_NOOP("Errors", "That student is no longer on the roster."),
    # Avatar pictures.
    "avatar.cannot_open": QT_TRANSLATE_NOOP(
        "Errors", "The file {file} cannot be opened ({reason})."),
    "avatar.file_too_big": QT_TRANSLATE_NOOP(
        "Errors", "{file} is {size} MB; choose a picture under {max} MB."),
    "avatar.too_many_pixels": QT_TRANSLATE_NOOP(
        "Errors", "{file} is too large ({width}×{height} pixels)."),
    "avatar.not_a_picture": QT_TRANSLATE_NOOP(
        "Errors", "{file} is not a picture Dojo Desktop can read (PNG, JPEG, GIF, WebP or BMP)."),
    "avatar.damaged": QT_TRANSLATE_NOOP(
        "Errors", "{file} looks damaged or cut short, so it cannot be used."),
    # Exporting.
    "export.cannot_write": QT_TRANSLATE_NOOP(
        "Errors", "The export could not be written to {folder} ({reason}). Choose another folder;"
                  " nothing in the class database was changed."),
    # The data folder, when the app cannot keep its database there.
    "folder.read_only": QT_TRANSLATE_NOOP(
        "Errors", "Dojo Desktop cannot save in its data folder, {folder}: the drive is "
                  "read-only. Ask IT to make it writable, or to give Dojo Desktop another "
                  "folder (the DOJO_DATA_DIR environment variable for this computer, or "
                  "--data-dir). Nothing stored there was changed."),
    "folder.no_permission": QT_TRANSLATE_NOOP(
        "Errors", "Dojo Desktop cannot save in its data folder, {folder}: you do not have "
                  "permission to change it. Ask IT to give you that permission, or to give "
                  "Dojo Desktop another folder (the DOJO_DATA_DIR environment variable for "
                  "this computer, or --data-dir). Nothing stored there was changed."),
    "folder.full": QT_TRANSLATE_NOOP(
        "Errors", "Dojo Desktop cannot save in its data folder, {folder}: the disk is full. "
                  "Free some space, then start Dojo Desktop again. Nothing stored there was "
                  "changed."),
    "folder.missing": QT_TRANSLATE_NOOP(
        "Errors", "Dojo Desktop cannot find or make its data folder, {folder} ({reason}). Is "
                  "a network drive or USB stick missing? Ask IT to check the folder, or to "
                  "give Dojo Desktop another one (the DOJO_DATA_DIR environment variable for "
                  "this computer, or --data-dir)."),
    # Names in the roster and class editors.
    "name.class_empty": QT_TRANSLATE_NOOP("Errors", "The class name cannot be empty."),
    "name.class_too_long": QT_TRANSLATE_NOOP(
        "Errors", "The class name is longer than {max} characters."),
    "name.first_empty": QT_TRANSLATE_NOOP("Errors", "The first name cannot be empty."),
    "name.first_too_long": QT_TRANSLATE_NOOP(
        "Errors", "The first name is longer than {max} characters."),
    "name.last_too_long": QT_TRANSLATE_NOOP(
        "Errors", "The last name is longer than {max} characters."),
    # Skills.
    "skill.no_name": QT_TRANSLATE_NOOP("Errors", "A skill needs a name."),
    "skill.name_too_long": QT_TRANSLATE_NOOP(
        "Errors", "A skill name can be at most {max} characters."),
    "skill.criteria_too_long": QT_TRANSLATE_NOOP(
        "Errors", "The criteria can be at most {max} characters."),
    "skill.points_positive": QT_TRANSLATE_NOOP(
        "Errors", "A positive skill gives 1 to {max} points, not {points}."),
    "skill.points_needs_work": QT_TRANSLATE_NOOP(
        "Errors", "A needs-work skill gives -1 to {min} points, not {points}."),
    "skill.gone": QT_TRANSLATE_NOOP("Errors", "That skill does not exist."),
    "target.points": QT_TRANSLATE_NOOP(
        "Errors", "A target is 1 to {max} points, not {points}."),
    "skill.school_wide_new": QT_TRANSLATE_NOOP(
        "Errors", "Only a school leader can add a skill every class uses. You can add a "
        "skill for your own class instead."),
    "skill.school_wide": QT_TRANSLATE_NOOP(
        "Errors", "Every class in the school uses this skill, so only a school leader can "
        "change it. You can add a skill for your own class instead."),
    # Awards.
    "award.no_students": QT_TRANSLATE_NOOP("Errors", "Choose at least one student."),
    "award.skill_gone": QT_TRANSLATE_NOOP("Errors", "That skill is no longer available."),
    # The class goal.
    "goal.target": QT_TRANSLATE_NOOP("Errors", "Choose a goal from 1 to {max} points."),
    "goal.reward_too_long": QT_TRANSLATE_NOOP(
        "Errors", "Write the reward in {max} characters or fewer."),
    # Who is teaching, and PINs.
    "staff.unknown": QT_TRANSLATE_NOOP("Errors", "That person is not on this school's staff."),
    "staff.pin_needed": QT_TRANSLATE_NOOP(
        "Errors", "Pick your name and type your PIN first: this speaks for you."),
    "staff.own_device_only": QT_TRANSLATE_NOOP(
        "Errors", "A PIN is set on your own computer, not on a shared one. IT can set one "
                  "for you too."),
    "staff.pin_form": QT_TRANSLATE_NOOP("Errors", "A PIN is 4 to 6 digits."),
    "staff.pins_differ": QT_TRANSLATE_NOOP("Errors", "The two PINs differ. Type the same PIN "
                                                     "twice."),
    # Sync with the school server: what the indicator says (never a library's or the
    # server's own text, except the message of a proper protocol error).
    "sync.unreachable": QT_TRANSLATE_NOOP(
        "Errors", "The school server cannot be reached. Points are saved here and will be "
                  "sent when it can."),
    "sync.connection_broken": QT_TRANSLATE_NOOP(
        "Errors", "The connection to the school server broke off. Points are saved here and "
                  "will be sent when it can."),
    "sync.certificate": QT_TRANSLATE_NOOP(
        "Errors", "The school server's certificate could not be verified. If the school uses "
                  "its own certificate authority, IT can set its CA bundle in Settings."),
    "sync.server_failed": QT_TRANSLATE_NOOP(
        "Errors", "The school server had a problem: it answered {status}."),
    "sync.push_failed": QT_TRANSLATE_NOOP(
        "Errors", "The school server is not accepting changes: it answered {status}."),
    "sync.pull_failed": QT_TRANSLATE_NOOP(
        "Errors", "The school server is not sending changes: it answered {status}."),
    "sync.not_understood": QT_TRANSLATE_NOOP(
        "Errors", "The school server answered something Dojo Desktop does not understand. It "
                  "may not be a Dojo school server, or a proxy is in the way."),
    "sync.push_not_understood": QT_TRANSLATE_NOOP(
        "Errors", "The school server is not accepting changes: its answer could not be "
                  "understood. A proxy may be in the way."),
    "sync.pull_not_understood": QT_TRANSLATE_NOOP(
        "Errors", "The school server is not sending changes: its answer could not be "
                  "understood. A proxy may be in the way."),
    "sync.busy": QT_TRANSLATE_NOOP("Errors", "The school server is busy. Sync will try again "
                                             "shortly."),
    "sync.refused": QT_TRANSLATE_NOOP("Errors", "The school server refused: {reason}"),
    "sync.refused_status": QT_TRANSLATE_NOOP(
        "Errors", "The school server refused the request: it answered {status}."),
    "sync.moved": QT_TRANSLATE_NOOP(
        "Errors", "The school server's address sends this computer on to {location}. Ask IT "
                  "for the server's address, and connect to it again in Settings."),
    "sync.unauthorized": QT_TRANSLATE_NOOP(
        "Errors", "The server does not recognise this device. Connect it to the school server "
                  "again (Settings)."),
    "sync.revoked": QT_TRANSLATE_NOOP(
        "Errors", "This device was disconnected from the school server by IT. Points stay on "
                  "this computer; ask IT to connect it again."),
    "sync.upgrade": QT_TRANSLATE_NOOP(
        "Errors", "This version of Dojo Desktop is too old for the school server. Ask IT to "
                  "update it."),
    "sync.restored": QT_TRANSLATE_NOOP("Errors", "The school server was restored from a "
                                                 "backup."),
    "sync.file_damaged": QT_TRANSLATE_NOOP(
        "Errors", "A file from the school server arrived damaged; it will be fetched again."),
    # What exactly was wrong, in the sync details.
    "sync.detail.status": QT_TRANSLATE_NOOP("Errors", "The server answered with status "
                                                      "{status}."),
    "sync.detail.not_protocol": QT_TRANSLATE_NOOP(
        "Errors", "The answer was not the sync protocol's JSON, or lacked a part of it."),
    "sync.detail.too_large": QT_TRANSLATE_NOOP(
        "Errors", "The answer was larger than the {limit} bytes it may be; reading stopped "
                  "there."),
    "sync.detail.too_slow": QT_TRANSLATE_NOOP(
        "Errors", "The answer was still arriving after {seconds} seconds; reading stopped "
                  "there."),
    "sync.detail.cut_off": QT_TRANSLATE_NOOP("Errors", "The answer was cut off before its "
                                                       "end."),
    "sync.detail.result_count": QT_TRANSLATE_NOOP(
        "Errors", "The answer gave {answered} results for {sent} changes sent."),
    "sync.detail.unknown_result": QT_TRANSLATE_NOOP(
        "Errors", "The answer named a change that was not sent."),
    "sync.detail.doubled_result": QT_TRANSLATE_NOOP(
        "Errors", "The answer named the same change twice."),
    "sync.detail.no_progress": QT_TRANSLATE_NOOP(
        "Errors", "The answer said more changes were waiting but did not move on to them."),
    "sync.other_computer": QT_TRANSLATE_NOOP(
        "Errors", "This class data was copied from another computer, so it cannot sync as "
                  "that computer. Connect it to the school server again (Settings) with a new "
                  "code from IT; everything on this computer is kept and sent."),
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

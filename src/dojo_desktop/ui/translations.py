"""The window's language: our catalogue, Qt's own, and the services' errors translated."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QGuiApplication

from dojo_desktop.core.error_texts import CONTEXT, ENGLISH
from dojo_desktop.services.errors import CsvProblem, InvalidInputError, Message
from dojo_desktop.ui.resources import translations_dir

CATALOGUE = "dojo_desktop"


def install_translator(app: QCoreApplication, lang: str | None = None) -> QLocale:
    """Translate the window into ``lang`` (e.g. "es"), or else the system's language.

    A language without a catalogue leaves the English of the source; Qt's own catalogue
    (standard buttons, file dialogs) is loaded for the same language when Qt ships one.
    Call before any window is made: texts are translated as widgets are built. A
    right-to-left language lays the window out from the right.
    """
    locale = QLocale(lang) if lang else QLocale.system()
    if lang:
        QLocale.setDefault(locale)  # day and month names follow the chosen language too
    ours = QTranslator(app)
    if ours.load(locale, CATALOGUE, "_", str(translations_dir())):
        app.installTranslator(ours)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    if isinstance(app, QGuiApplication):
        # Arabic or Hebrew mirrors the window even before we ship its catalogue.
        app.setLayoutDirection(locale.textDirection())
    return locale


def keep_ltr(text: str) -> str:
    """``text`` (a signed number such as "+2") kept in its order inside a right-to-left
    line, where it would otherwise read "2+"; as it is in a left-to-right window."""
    if QGuiApplication.layoutDirection() is Qt.LayoutDirection.RightToLeft:
        return f"\u2066{text}\u2069"  # a left-to-right isolate
    return text


def message_text(message: Message) -> str:
    """``message`` in the window's language (its English when no translation is loaded)."""
    template = QCoreApplication.translate(CONTEXT, ENGLISH[message.id])
    try:
        return template.format(**message.arguments())
    except (KeyError, IndexError, ValueError):
        return str(message)  # a translation with a broken placeholder: English, not a crash


def error_text(error: BaseException) -> str:
    """What to show for an error a service raised: an id's text translated, else as it came.

    Besides a service's ``InvalidInputError``, any error that carries a catalogue
    ``message`` is translated: the sync errors pairing raises do.
    """
    if isinstance(error, InvalidInputError) and error.message is not None:
        return message_text(error.message)
    carried = getattr(error, "message", None)
    if isinstance(carried, Message):
        return message_text(carried)
    return str(error)


def problem_text(problem: CsvProblem) -> str:
    """The message part of one roster-file problem."""
    return message_text(problem.key) if problem.key is not None else problem.message

"""The window's language: Dojo Desktop's catalogue from resources/translations, and Qt's own."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from dojo_desktop.ui.resources import translations_dir

CATALOGUE = "dojo_desktop"


def install_translator(app: QCoreApplication, lang: str | None = None) -> QLocale:
    """Translate the window into ``lang`` (e.g. "es"), or else the system's language.

    A language without a catalogue leaves the English of the source; Qt's own catalogue
    (standard buttons, file dialogs) is loaded for the same language when Qt ships one.
    Call before any window is made: texts are translated as widgets are built.
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
    return locale

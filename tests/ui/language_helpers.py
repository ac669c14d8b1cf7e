"""Helpers for tests in another language: this checkout's catalogue, and right to left."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "resources" / "translations"


@contextmanager
def checkout_catalogue(app: QApplication, lang: str) -> Iterator[None]:
    """The window in ``lang`` from this checkout's compiled catalogue (``translations_dir``
    may name an installed copy), with its locale and, for an RTL language, mirrored."""
    locale_before, direction_before = QLocale(), app.layoutDirection()
    translator = QTranslator(app)
    qm = CATALOGUES / f"dojo_desktop_{lang}.qm"
    if qm.is_file():
        assert translator.load(str(qm))
        app.installTranslator(translator)
    locale = QLocale(lang)
    QLocale.setDefault(locale)
    app.setLayoutDirection(locale.textDirection())
    try:
        yield
    finally:
        app.removeTranslator(translator)
        translator.deleteLater()
        QLocale.setDefault(locale_before)
        app.setLayoutDirection(direction_before)

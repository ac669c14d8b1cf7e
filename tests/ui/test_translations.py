"""Translations: the Spanish catalogue covers every tr() string, and the window speaks it."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dojo_desktop.app import open_main_window
from dojo_desktop.core.error_texts import ENGLISH
from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.services.errors import CsvProblem, InvalidInputError, invalid
from dojo_desktop.ui.resources import translations_dir
from dojo_desktop.ui.translations import error_text, install_translator, problem_text

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "src" / "dojo_desktop" / "ui"
ERROR_TEXTS = ROOT / "src" / "dojo_desktop" / "core" / "error_texts.py"
CATALOGUES = sorted((ROOT / "resources" / "translations").glob("dojo_desktop_*.ts"))
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def source_strings() -> set[tuple[str, str]]:
    """(context, text) of every tr() and translate() call with literal text in ui/, and of
    every QT_TRANSLATE_NOOP in the error catalogue (as pyside6-lupdate finds them)."""
    found: set[tuple[str, str]] = set()
    marked = ast.parse(ERROR_TEXTS.read_text(encoding="utf-8"))
    found |= {(str(call.args[0].value), str(call.args[1].value))  # type: ignore[attr-defined]
              for call in ast.walk(marked) if isinstance(call, ast.Call)
              and getattr(call.func, "id", "") == "QT_TRANSLATE_NOOP"}
    for path in UI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
            for call in [n for n in ast.walk(cls) if isinstance(n, ast.Call)]:
                func, args = call.func, call.args
                if (isinstance(func, ast.Attribute) and func.attr == "tr" and args
                        and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str)):
                    found.add((cls.name, args[0].value))
        for call in [n for n in ast.walk(tree) if isinstance(n, ast.Call)]:
            func, args = call.func, call.args
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if (name == "translate" and len(args) >= 2
                    and all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                            for a in args[:2])):
                found.add((str(args[0].value), str(args[1].value)))  # type: ignore[attr-defined]
    return found


def catalogue_entries(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) -> finished translation, from a .ts file."""
    entries = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            entries[(name, message.findtext("source") or "")] = translation.text or ""
    return entries


def test_there_is_a_spanish_catalogue_and_it_is_compiled() -> None:
    assert [p.name for p in CATALOGUES] == ["dojo_desktop_es.ts"]
    assert (translations_dir() / "dojo_desktop_es.qm").is_file()


def test_the_scan_finds_the_strings_it_should() -> None:
    found = source_strings()
    assert ("MainWindow", "Award the whole class") in found
    assert ("CsvImport", "Imported {count} students.") in found
    assert ("Errors", ENGLISH["avatar.damaged"]) in found
    assert len(found) > 200


@pytest.mark.parametrize("ts", CATALOGUES, ids=lambda p: p.stem)
def test_every_ui_string_is_translated(ts: Path) -> None:
    entries = catalogue_entries(ts)
    missing = sorted(source_strings() - {k for k, v in entries.items() if v.strip()})
    assert not missing, f"add these to {ts.name} (pyside6-lupdate, then translate): {missing}"


@pytest.mark.parametrize("ts", CATALOGUES, ids=lambda p: p.stem)
def test_translations_keep_every_placeholder(ts: Path) -> None:
    wrong = [(source, text) for (_, source), text in catalogue_entries(ts).items()
             if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text))]
    assert not wrong


@pytest.mark.skipif(shutil.which("pyside6-lrelease") is None, reason="needs pyside6-lrelease")
@pytest.mark.parametrize("ts", CATALOGUES, ids=lambda p: p.stem)
def test_the_compiled_catalogue_matches_its_source(ts: Path, tmp_path: Path) -> None:
    compiled = tmp_path / ts.with_suffix(".qm").name
    subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(compiled)], check=True,
                   capture_output=True)
    assert compiled.read_bytes() == ts.with_suffix(".qm").read_bytes(), \
        f"run: pyside6-lrelease {ts.relative_to(ROOT)}"


def test_every_error_text_is_marked_for_translation_once() -> None:
    """Each text of the one catalogue is marked, under the context the window looks in,
    and no screen writes an error text of its own under that context."""
    found = source_strings()
    assert {("Errors", text) for text in ENGLISH.values()} <= found
    assert {text for context, text in found if context == "Errors"} == set(ENGLISH.values())
    assert not (UI / "error_text.py").exists()


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    before = set(qapp.findChildren(QTranslator))
    locale, direction = QLocale(), qapp.layoutDirection()
    install_translator(qapp, "es")
    added = [t for t in qapp.findChildren(QTranslator) if t not in before]
    assert added
    yield
    for translator in added:
        qapp.removeTranslator(translator)
        translator.deleteLater()
    # install_translator also sets the default locale (day and month names): put it back,
    # or a later test reads "lunes" for Monday.
    QLocale.setDefault(locale)
    qapp.setLayoutDirection(direction)


@pytest.mark.usefixtures("spanish")
def test_the_window_shows_spanish(qtbot: QtBot, data_dir: Path) -> None:
    classroom = open_classroom(data_dir)
    window = open_main_window(classroom, demo=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        assert window.bar.whole_class.text() == "Toda la clase"
        assert window.bar.select_several.text() == "Elegir varios"
        assert window.grid.tiles()[0].accessibleName().endswith(("punto", "puntos"))
        window.award_whole_class()
        picker = window.picker
        assert picker is not None
        assert picker.accessibleName() == "Premiar a toda la clase"
    finally:
        window.close()
        classroom.close()


@pytest.mark.usefixtures("spanish")
def test_service_errors_show_in_spanish() -> None:
    error = invalid("avatar.file_too_big", file="foto.jpg", size=12, max=8)
    assert str(error) == "foto.jpg is 12 MB; choose a picture under 8 MB."
    assert error_text(error) == "foto.jpg ocupa 12 MB; elige una imagen de menos de 8 MB."
    problem = CsvProblem(3, "First name", "is empty", invalid("csv.empty_value").message)
    assert problem_text(problem) == "está vacía"
    assert error_text(InvalidInputError("plain words")) == "plain words"


def test_english_stays_english_without_a_translator() -> None:
    error = invalid("export.cannot_write", folder="/tmp/x", reason="No space left on device")
    assert error_text(error) == str(error)
    assert QCoreApplication.translate("MainWindow", "Award the whole class") == \
        "Award the whole class"


def test_the_system_language_is_used_when_none_is_given() -> None:
    script = ("from PySide6.QtWidgets import QApplication\n"
              "from PySide6.QtCore import QCoreApplication\n"
              "from dojo_desktop.ui.translations import install_translator\n"
              "app = QApplication([])\n"
              "install_translator(app)\n"
              "print(QCoreApplication.translate('ClassBar', 'Whole class'))\n")
    env = {"QT_QPA_PLATFORM": "offscreen", "LANG": "es_ES.UTF-8", "LC_ALL": "es_ES.UTF-8",
           "LANGUAGE": "es", "PYTHONPATH": str(ROOT / "src"), "HOME": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, check=True, timeout=60)
    assert out.stdout.strip() == "Toda la clase"


def test_no_tr_call_sits_outside_a_class() -> None:
    """``widget.tr()`` in a plain function is filed by lupdate under the variable's name
    but looked up at run time under the widget's class: it would never be translated.
    Outside a class, call ``QCoreApplication.translate("Context", "...")``."""
    stray = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside = {id(node) for cls in ast.walk(tree) if isinstance(cls, ast.ClassDef)
                  for node in ast.walk(cls)}
        stray += [f"{path.name}:{call.lineno}" for call in ast.walk(tree)
                  if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                  and call.func.attr == "tr" and id(call) not in inside]
    assert not stray, f"tr() outside a class (use QCoreApplication.translate): {stray}"


def test_sync_errors_are_shown_in_the_windows_language(qapp: QApplication) -> None:
    """The pairing dialog shows a sync error by its catalogue words, translated (with this
    checkout's compiled catalogue: ``translations_dir`` may name an installed one)."""
    from dojo_desktop.core.error_texts import message
    from dojo_desktop.sync.errors import Offline, ServerRefused

    translator = QTranslator(qapp)
    assert translator.load(str(ROOT / "resources" / "translations" / "dojo_desktop_es.qm"))
    qapp.installTranslator(translator)
    try:
        assert error_text(Offline(message("sync.unreachable"))).startswith(
            "No se puede contactar con el servidor del centro.")
        assert error_text(ServerRefused("That code has expired.", 400)) == \
            "That code has expired."
    finally:
        qapp.removeTranslator(translator)

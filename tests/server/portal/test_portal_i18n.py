"""Every string of the portal is translated, compiled catalogues are current, no raw text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from jinja2 import Environment

from dojo_server.notify import delivery
from dojo_server.portal import i18n
from dojo_server.portal.rendering import TEMPLATES

PORTAL = Path(i18n.__file__).parent
NOTIFY = Path(delivery.__file__).parent
TRANSLATED = [code for code in i18n.LANGUAGES if code != i18n.DEFAULT_LANGUAGE]
_TAG = re.compile(r"<[^>]*>", re.S)


def _source_strings() -> set[str]:
    method_map = [("templates/**.html", "jinja2"), ("**.py", "python")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    found = set()
    for folder in (PORTAL, NOTIFY):
        for _file, _line, message, _comments, _context in extract_from_dir(
                str(folder), method_map, options):
            found.add(message if isinstance(message, str) else message[0])
    return found


def test_there_are_strings_and_a_right_to_left_language() -> None:
    assert len(_source_strings()) > 60
    assert {"Sign in", "News from %(school)s"} <= _source_strings()
    assert any(i18n.direction(code) == "rtl" for code in TRANSLATED)
    assert len(TRANSLATED) >= 2


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated(language: str) -> None:
    with i18n.catalogue_path(language).open("rb") as source:
        catalogue = read_po(source, locale=language)
    missing = sorted(text for text in _source_strings()
                     if not (catalogue.get(text) and catalogue[text].string
                             and not catalogue[text].fuzzy))
    assert missing == []
    for message in catalogue:
        if message.id and "%(" in str(message.id):
            assert set(re.findall(r"%\(\w+\)s", str(message.id))) == set(
                re.findall(r"%\(\w+\)s", str(message.string))), message.id


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogue_matches_the_po_file(language: str) -> None:
    with i18n.catalogue_path(language).open("rb") as source:
        written = {m.id: m.string for m in read_po(source, locale=language) if m.id}
    with i18n.catalogue_path(language, ".mo").open("rb") as compiled:
        shipped = {m.id: m.string for m in read_mo(compiled) if m.id}
    assert shipped == written, "run: pybabel compile -d src/dojo_server/portal/locale"


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_templates_have_no_text_outside_gettext(template: str) -> None:
    """Text between tags must come from _() or from data, never be written in a template."""
    environment = Environment(extensions=["jinja2.ext.i18n"])
    source = (TEMPLATES / template).read_text(encoding="utf-8")
    raw = "".join(value for _line, kind, value in environment.lex(source) if kind == "data")
    words = re.findall(r"[^\W\d_]{2,}", _TAG.sub(" ", raw))
    assert words == [], f"{template}: untranslated text {words}"

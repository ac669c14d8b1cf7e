"""Every string of the console is translated in each of the portal's languages, the
compiled catalogues are current, and templates hold no text outside gettext."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from jinja2 import Environment

from dojo_server.console import deps
from dojo_server.portal import i18n

CONSOLE = Path(deps.__file__).parent
TRANSLATED = [code for code in i18n.LANGUAGES if code != i18n.DEFAULT_LANGUAGE]
_TAG = re.compile(r"<[^>]*>", re.S)


def _source_strings() -> set[str]:
    method_map = [("templates/**.html", "jinja2"), ("**.py", "python")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    return {message if isinstance(message, str) else message[0]
            for _file, _line, message, _comments, _context in extract_from_dir(
                str(CONSOLE), method_map, options)}


def test_there_are_strings() -> None:
    assert len(_source_strings()) > 100
    assert {"Sign in", "Staff console", "New children"} <= _source_strings()


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated(language: str) -> None:
    with i18n.catalogue_path(language, domain=deps.DOMAIN).open("rb") as source:
        catalogue = read_po(source, locale=language)
    missing = sorted(text for text in _source_strings()
                     if not (catalogue.get(text) and catalogue[text].string
                             and not catalogue[text].fuzzy))
    assert missing == []
    for message in catalogue:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(
            message.string)
        wanted = set(re.findall(r"%\(\w+\)[sd]", ids[0]))
        assert all(s and set(re.findall(r"%\(\w+\)[sd]", s)) == wanted for s in strings), \
            message.id


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogue_matches_the_po_file(language: str) -> None:
    with i18n.catalogue_path(language, domain=deps.DOMAIN).open("rb") as source:
        written = {_key(m.id): _key(m.string) for m in read_po(source, locale=language)
                   if m.id}
    with i18n.catalogue_path(language, ".mo", deps.DOMAIN).open("rb") as compiled:
        shipped = {_key(m.id): _key(m.string) for m in read_mo(compiled) if m.id}
    assert shipped == written, ('run: pybabel compile -d src/dojo_server/portal/locale '
                                '-D "messages console"')


def _key(text: object) -> object:
    """A plural's forms (a list or a tuple) as a tuple."""
    return tuple(text) if isinstance(text, list | tuple) else text


@pytest.mark.parametrize("template", sorted(p.name for p in deps.TEMPLATES.glob("*.html")))
def test_templates_have_no_text_outside_gettext(template: str) -> None:
    """Text between tags must come from _() or from data, never be written in a template."""
    environment = Environment(extensions=["jinja2.ext.i18n"])
    source = (deps.TEMPLATES / template).read_text(encoding="utf-8")
    raw = "".join(value for _line, kind, value in environment.lex(source) if kind == "data")
    words = re.findall(r"[^\W\d_]{2,}", _TAG.sub(" ", raw))
    assert words == [], f"{template}: untranslated text {words}"

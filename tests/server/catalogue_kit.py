"""Checks the portal's and the console's gettext catalogues share: the strings in their
source, the ones a catalogue lacks, the compiled catalogue against its .po file, and text
written into a template outside gettext."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from jinja2 import Environment

from dojo_server.portal import i18n

_TAG = re.compile(r"<[^>]*>", re.S)
_METHODS = [("templates/**.html", "jinja2"), ("**.py", "python")]
_OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n"}}


def source_strings(*folders: Path) -> set[str]:
    """Every string marked for translation in the Python files and templates below
    ``folders`` (a plural by its singular)."""
    return {message if isinstance(message, str) else message[0]
            for folder in folders
            for _file, _line, message, _comments, _context in extract_from_dir(
                str(folder), _METHODS, _OPTIONS)}


def read_catalogue(language: str, domain: str = i18n.DOMAIN) -> Catalog:
    with i18n.catalogue_path(language, domain=domain).open("rb") as source:
        return read_po(source, locale=language)


def untranslated(catalogue: Catalog, strings: set[str]) -> list[str]:
    """The ``strings`` the catalogue has no finished (non-fuzzy) translation of."""
    return sorted(text for text in strings
                  if not (catalogue.get(text) and catalogue[text].string
                          and not catalogue[text].fuzzy))


def written_and_shipped(language: str, domain: str = i18n.DOMAIN
                        ) -> tuple[dict[object, object], dict[object, object]]:
    """The .po file's translations and the compiled .mo's, by id (plural forms as tuples)."""
    with i18n.catalogue_path(language, domain=domain).open("rb") as source:
        written = {_key(m.id): _key(m.string) for m in read_po(source, locale=language)
                   if m.id}
    with i18n.catalogue_path(language, ".mo", domain).open("rb") as compiled:
        shipped = {_key(m.id): _key(m.string) for m in read_mo(compiled) if m.id}
    return written, shipped


def _key(text: object) -> object:
    """A plural's forms (a list or a tuple) as a tuple."""
    return tuple(text) if isinstance(text, list | tuple) else text


def text_outside_gettext(template: Path) -> list[str]:
    """The words written between a template's tags rather than coming from _() or data."""
    environment = Environment(extensions=["jinja2.ext.i18n"])
    source = template.read_text(encoding="utf-8")
    raw = "".join(value for _line, kind, value in environment.lex(source) if kind == "data")
    return re.findall(r"[^\W\d_]{2,}", _TAG.sub(" ", raw))

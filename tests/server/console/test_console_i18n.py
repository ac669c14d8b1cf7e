"""Every string of the console is translated in each of the portal's languages, the
compiled catalogues are current, and templates hold no text outside gettext."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from catalogue_kit import (
    read_catalogue,
    source_strings,
    text_outside_gettext,
    untranslated,
    written_and_shipped,
)

from dojo_server.console import deps
from dojo_server.portal import i18n

CONSOLE = Path(deps.__file__).parent
TRANSLATED = [code for code in i18n.LANGUAGES if code != i18n.DEFAULT_LANGUAGE]


def _source_strings() -> set[str]:
    return source_strings(CONSOLE)


def test_there_are_strings() -> None:
    assert len(_source_strings()) > 100
    assert {"Sign in", "Staff console", "New children"} <= _source_strings()


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated(language: str) -> None:
    catalogue = read_catalogue(language, deps.DOMAIN)
    assert untranslated(catalogue, _source_strings()) == []
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
    written, shipped = written_and_shipped(language, deps.DOMAIN)
    assert shipped == written, ('run: pybabel compile -d src/dojo_server/portal/locale '
                                '-D "messages console"')


@pytest.mark.parametrize("template", sorted(p.name for p in deps.TEMPLATES.glob("*.html")))
def test_templates_have_no_text_outside_gettext(template: str) -> None:
    """Text between tags must come from _() or from data, never be written in a template."""
    words = text_outside_gettext(deps.TEMPLATES / template)
    assert words == [], f"{template}: untranslated text {words}"

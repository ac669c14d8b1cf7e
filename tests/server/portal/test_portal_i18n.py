"""Every string of the portal is translated, compiled catalogues are current, no raw text."""

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

from dojo_server.notify import delivery
from dojo_server.portal import i18n
from dojo_server.portal.rendering import TEMPLATES

PORTAL = Path(i18n.__file__).parent
NOTIFY = Path(delivery.__file__).parent
TRANSLATED = [code for code in i18n.LANGUAGES if code != i18n.DEFAULT_LANGUAGE]


def _source_strings() -> set[str]:
    return source_strings(PORTAL, NOTIFY)


def test_there_are_strings_and_a_right_to_left_language() -> None:
    assert len(_source_strings()) > 60
    assert {"Sign in", "News from %(school)s"} <= _source_strings()
    assert any(i18n.direction(code) == "rtl" for code in TRANSLATED)
    assert len(TRANSLATED) >= 2


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated(language: str) -> None:
    catalogue = read_catalogue(language)
    assert untranslated(catalogue, _source_strings()) == []
    for message in catalogue:
        if message.id and "%(" in str(message.id):
            assert set(re.findall(r"%\(\w+\)s", str(message.id))) == set(
                re.findall(r"%\(\w+\)s", str(message.string))), message.id


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogue_matches_the_po_file(language: str) -> None:
    written, shipped = written_and_shipped(language)
    assert shipped == written, "run: pybabel compile -d src/dojo_server/portal/locale"


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_templates_have_no_text_outside_gettext(template: str) -> None:
    """Text between tags must come from _() or from data, never be written in a template."""
    words = text_outside_gettext(TEMPLATES / template)
    assert words == [], f"{template}: untranslated text {words}"

"""Languages of the portal: gettext catalogues (.po edited, .mo compiled) and negotiation.

After editing a .po file, compile it: ``pybabel compile -d src/dojo_server/portal/locale -D
"messages console"`` (the staff console's strings are the ``console`` domain).
New strings (of the portal and of notify's emails) are found with ``pybabel extract -F
src/dojo_server/portal/locale/babel.cfg -o messages.pot src/dojo_server/portal
src/dojo_server/notify``; the console's with ``pybabel extract -F
src/dojo_server/portal/locale/babel.cfg -o console.pot src/dojo_server/console``, then
``pybabel update -D console -i console.pot -d src/dojo_server/portal/locale``;
tests/server/portal/test_portal_i18n.py fails while a string lacks a translation or a .mo is stale.
"""

from __future__ import annotations

import functools
import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "messages"
DEFAULT_LANGUAGE = "en"
LANGUAGES = {"en": "English", "es": "Español", "ar": "العربية"}
RIGHT_TO_LEFT = frozenset({"ar"})


def N_(text: str) -> str:
    """Marks ``text`` for the catalogue (``pybabel extract`` finds ``N_``); it is
    translated when shown."""
    return text


def catalogue_path(language: str, suffix: str = ".po", domain: str = DOMAIN) -> Path:
    """A catalogue file: the portal's (``messages``) or the staff console's (``console``)."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}{suffix}"


@functools.cache
def translations(language: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    """The catalogue of ``language`` (English is the source text: no catalogue)."""
    if language == DEFAULT_LANGUAGE or language not in LANGUAGES:
        return gettext.NullTranslations()
    with catalogue_path(language, ".mo", domain).open("rb") as compiled:
        return gettext.GNUTranslations(compiled)


def direction(language: str) -> str:
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"


def pick_language(accept_language: str | None) -> str:
    """The best of our languages for an Accept-Language header; English if none fits."""
    choices: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            choices.append((-quality, position, primary))
    return min(choices)[2] if choices else DEFAULT_LANGUAGE

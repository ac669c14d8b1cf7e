"""Jinja2 templates, one environment per language with its gettext catalogue installed."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_time
from jinja2 import Environment, FileSystemLoader, select_autoescape

from dojo_server.portal.i18n import DOMAIN, LANGUAGES, direction, translations

TEMPLATES = Path(__file__).with_name("templates")
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class Pages:
    """Renders a template in one of the portal's languages: the portal's templates and
    catalogue, or (``templates``, ``domain``) the staff console's."""

    def __init__(self, templates: Path = TEMPLATES, domain: str = DOMAIN) -> None:
        self._environments = {language: _environment(language, templates, domain)
                              for language in LANGUAGES}

    def render(self, template: str, language: str, **context: Any) -> str:
        environment = self._environments.get(language) or self._environments["en"]
        return environment.get_template(template).render(**context)


def _environment(language: str, templates: Path, domain: str) -> Environment:
    environment = Environment(loader=FileSystemLoader(templates),
                              autoescape=select_autoescape(["html"]),
                              extensions=["jinja2.ext.i18n"], auto_reload=False)
    environment.install_gettext_translations(translations(language, domain),  # type: ignore[attr-defined]
                                             newstyle=True)
    environment.globals.update(
        lang=language, dir=direction(language), languages=LANGUAGES,
        when=lambda at_ms, timezone: _when(at_ms, timezone, language),
        day=lambda date: format_date(date, "long", locale=language))
    return environment


def _when(at_ms: int, timezone: str, language: str) -> str:
    local = dt.datetime.fromtimestamp(at_ms / 1000, zoneinfo.ZoneInfo(timezone))
    return (f"{format_date(local, 'medium', locale=language)} "
            f"{format_time(local, 'short', locale=language)}")

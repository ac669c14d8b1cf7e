"""Moments on the screens are written in the window's language and the school's time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale

from dojo_desktop.ui.dates import moment

LONDON = ZoneInfo("Europe/London")
MONDAY_4PM = int(datetime(2026, 11, 23, 16, 33, tzinfo=LONDON).timestamp() * 1000)


@pytest.fixture
def default_locale() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


def test_english_and_spanish_day_and_month_names(default_locale: None) -> None:
    QLocale.setDefault(QLocale("en_GB"))
    assert moment(MONDAY_4PM, LONDON) == "Mon 23 Nov, 16:33"
    assert moment(MONDAY_4PM, LONDON, with_date=False) == "Mon 16:33"
    QLocale.setDefault(QLocale("es_ES"))
    assert moment(MONDAY_4PM, LONDON).startswith("lun 23 nov")


def test_the_schools_timezone_decides_the_hour(default_locale: None) -> None:
    QLocale.setDefault(QLocale("en_GB"))
    assert moment(MONDAY_4PM, ZoneInfo("Asia/Tokyo")) == "Tue 24 Nov, 01:33"

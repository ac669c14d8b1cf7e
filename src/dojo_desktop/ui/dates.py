"""Moments written for the user: day and month names in the window's language."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime


def moment(at_ms: int, zone: ZoneInfo, *, with_date: bool = True) -> str:
    """``at_ms`` in the school's time: "Mon 23 Nov, 16:33" (or "Mon 16:33"), in the
    language of the default QLocale (the one the translations were loaded for)."""
    local = datetime.fromtimestamp(at_ms / 1000, zone)
    shown = QDateTime(QDate(local.year, local.month, local.day),
                      QTime(local.hour, local.minute))
    return QLocale().toString(shown, "ddd d MMM, HH:mm" if with_date else "ddd HH:mm")
